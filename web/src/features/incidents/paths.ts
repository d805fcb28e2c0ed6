/** Addresses of the incident pages. */
export const INCIDENTS_PATH = '/incidents';
export const INCIDENT_NEW_PATH = '/incidents/new';
export const incidentPath = (id: number | string) => `/incidents/${id}`;
