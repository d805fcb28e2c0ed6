/** Addresses of the emergency tools. */
export const EMERGENCY_PATH = '/emergency';
export const CORDON_PATH = '/emergency/cordon';
