/** Addresses of the emergency tools. */
export const EMERGENCY_PATH = '/emergency';
export const CORDON_PATH = '/emergency/cordon';
export const RUNS_PATH = '/emergency/runs';
export const RUN_NEW_PATH = '/emergency/runs/new';
export const runPath = (id: number | string) => `/emergency/runs/${id}`;
/** The comparison of 2–3 stored runs, in the order given. */
export const runsComparePath = (ids: readonly number[]) => `/emergency/runs/compare?ids=${ids.join(',')}`;
/** A new run linked to an incident (the form passes the id on when it saves). */
export const runNewForIncidentPath = (incidentId: number) => `${RUN_NEW_PATH}?incident=${incidentId}`;
