/**
 * The portal's addresses, all under /public/ (the server answers index.html for any of them), read and written
 * in one place so that links and the router agree.
 */

export const BASE_PATH = '/public/';

export const LEARN_TOPICS = ['radiation', 'units', 'background', 'limits', 'safety', 'network'] as const;
export type LearnTopic = (typeof LEARN_TOPICS)[number];

export type Route =
  | { name: 'home' }
  | { name: 'station'; code: string }
  | { name: 'notices' }
  | { name: 'notice'; id: number }
  | { name: 'learn' }
  | { name: 'topic'; topic: string }
  | { name: 'facilities' }
  | { name: 'data' }
  | { name: 'not_found' };

export type RouteName = Route['name'];

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The route of a path; anything outside /public/ or unknown is `not_found`. */
export function matchRoute(pathname: string): Route {
  const base = BASE_PATH.slice(0, -1);
  if (pathname !== base && !pathname.startsWith(BASE_PATH)) return { name: 'not_found' };
  const segments = pathname
    .slice(base.length)
    .split('/')
    .filter((segment) => segment !== '');
  const [first, second, ...rest] = segments;
  if (rest.length > 0) return { name: 'not_found' };
  if (first === undefined) return { name: 'home' };
  if (second === undefined) {
    if (first === 'notices') return { name: 'notices' };
    if (first === 'learn') return { name: 'learn' };
    if (first === 'facilities') return { name: 'facilities' };
    if (first === 'data') return { name: 'data' };
    return { name: 'not_found' };
  }
  const value = decode(second);
  if (value === null || value === '') return { name: 'not_found' };
  if (first === 'stations') return { name: 'station', code: value };
  if (first === 'learn') return { name: 'topic', topic: value };
  if (first === 'notices') {
    if (!/^[1-9]\d{0,9}$/.test(value)) return { name: 'not_found' };
    const id = Number(value);
    return id <= 2_147_483_647 ? { name: 'notice', id } : { name: 'not_found' };
  }
  return { name: 'not_found' };
}

export function pathFor(route: Exclude<Route, { name: 'not_found' }>): string {
  switch (route.name) {
    case 'home':
      return BASE_PATH;
    case 'station':
      return `${BASE_PATH}stations/${encodeURIComponent(route.code)}`;
    case 'notices':
      return `${BASE_PATH}notices`;
    case 'notice':
      return `${BASE_PATH}notices/${route.id}`;
    case 'learn':
      return `${BASE_PATH}learn`;
    case 'topic':
      return `${BASE_PATH}learn/${encodeURIComponent(route.topic)}`;
    case 'facilities':
      return `${BASE_PATH}facilities`;
    case 'data':
      return `${BASE_PATH}data`;
  }
}

/** The navigation entry a route belongs to (for aria-current), or null. */
export function navSection(route: Route): 'home' | 'notices' | 'learn' | 'facilities' | 'data' | null {
  switch (route.name) {
    case 'home':
    case 'station':
      return 'home';
    case 'notices':
    case 'notice':
      return 'notices';
    case 'learn':
    case 'topic':
      return 'learn';
    case 'facilities':
      return 'facilities';
    case 'data':
      return 'data';
    case 'not_found':
      return null;
  }
}

/**
 * Whether a click on a link should be handled by the portal's router: same origin, under /public/ but not its
 * assets, no new tab or download asked for.
 */
export function isPortalLink(
  href: URL,
  origin: string,
  options: { target: string | null; download: boolean; modified: boolean },
): boolean {
  if (href.origin !== origin || options.download || options.modified) return false;
  if (options.target && options.target !== '_self') return false;
  if (!href.pathname.startsWith(BASE_PATH) && href.pathname !== BASE_PATH.slice(0, -1)) return false;
  return !href.pathname.startsWith(`${BASE_PATH}assets/`);
}
