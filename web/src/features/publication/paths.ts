/** The public portal, served beside the officials' application (no sign-in). */
export const PUBLIC_PORTAL_URL = '/public/';
