/** Addresses of the incident pages. */
export const INCIDENTS_PATH = '/incidents';
export const INCIDENT_NEW_PATH = '/incidents/new';
export const incidentPath = (id: number | string) => `/incidents/${id}`;

/** The report form pre-filled from an inspection finding: origin, facility and the finding's text. */
export const incidentFromFindingPath = (facilityId: number, text: string) =>
  `${INCIDENT_NEW_PATH}?${new URLSearchParams({ origin: 'inspection', facility: String(facilityId), text })}`;
