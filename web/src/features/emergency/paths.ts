/** Addresses of the emergency tools. */
export const EMERGENCY_PATH = '/emergency';
export const CORDON_PATH = '/emergency/cordon';
export const RUN_NEW_PATH = '/emergency/runs/new';
export const runPath = (id: number | string) => `/emergency/runs/${id}`;
