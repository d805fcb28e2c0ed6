/**
 * The public portal: language, shell and a History-API router under /public/. The home page (status, station
 * table, map) is in the first bundle; every other page, the chart and Leaflet load only when asked for.
 */
import './portal.css';
import type { PublicOverview } from '@sievert/core';
import { getJson } from './api';
import type { PortalContext, RenderPage } from './context';
import { isPortalLink, matchRoute, type Route } from './routes';
import { MESSAGES, pickLanguage, type Language } from './i18n';
import { buildShell, type Shell } from './shell';
import { renderHome } from './page-home';

const LANGUAGE_KEY = 'sievert.public.language';

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null; // Storage refused (private mode, policies): the choice simply is not remembered.
  }
}

function storeLanguage(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // As above.
  }
}

const PAGES: Record<Exclude<Route['name'], 'home'>, () => Promise<RenderPage>> = {
  station: () => import('./page-station').then((module) => module.renderStation),
  notices: () => import('./page-notices').then((module) => module.renderNotices),
  notice: () => import('./page-notices').then((module) => module.renderNotice),
  learn: () => import('./page-learn').then((module) => module.renderLearn),
  topic: () => import('./page-learn').then((module) => module.renderTopic),
  facilities: () => import('./page-facilities').then((module) => module.renderFacilities),
  data: () => import('./page-data').then((module) => module.renderData),
  not_found: () => import('./page-not-found').then((module) => module.renderNotFound),
};

let language: Language = pickLanguage(new URLSearchParams(location.search).get('lang'), storedLanguage());
let shell: Shell;
let cleanup: (() => void) | void = undefined;
let pageAbort = new AbortController();
let renderCount = 0;
let overviewPromise: Promise<PublicOverview> | null = null;

function fetchOverview(): Promise<PublicOverview> {
  const next = getJson<PublicOverview>('/public/overview');
  // A failed read is not kept: the next page asks again.
  next.catch(() => {
    if (overviewPromise === next) overviewPromise = null;
  });
  next.then((overview) => shell.setOverview(overview)).catch(() => undefined);
  overviewPromise = next;
  return next;
}

function context(signal: AbortSignal): PortalContext {
  const text = MESSAGES[language];
  return {
    language,
    text,
    navigate,
    overview: () => overviewPromise ?? fetchOverview(),
    refreshOverview: fetchOverview,
    setTitle: (title) => {
      document.title = title === text.site.name ? title : `${title} · ${text.site.name}`;
    },
    signal,
  };
}

async function render(focus: boolean): Promise<void> {
  cleanup?.();
  cleanup = undefined;
  pageAbort.abort();
  pageAbort = new AbortController();
  const signal = pageAbort.signal;
  const count = ++renderCount;
  const route = matchRoute(location.pathname);
  shell.setRoute(route);
  const ctx = context(signal);
  let page: RenderPage;
  if (route.name === 'home') {
    page = renderHome;
  } else {
    try {
      page = await PAGES[route.name]();
    } catch {
      // A chunk that cannot be fetched (a new release replaced it, or the connection dropped): load the address anew.
      location.reload();
      return;
    }
  }
  if (count !== renderCount) return;
  shell.main.replaceChildren();
  cleanup = page(shell.main, route, ctx);
  if (focus) {
    const heading = shell.main.querySelector<HTMLElement>('h1');
    (heading ?? shell.main).focus();
  }
}

function navigate(path: string): void {
  const target = new URL(path, location.href);
  if (target.pathname + target.search === location.pathname + location.search) {
    if (target.hash) location.hash = target.hash;
    return;
  }
  history.pushState(null, '', target.pathname + target.search + target.hash);
  window.scrollTo(0, 0);
  void render(true);
}

function setLanguage(next: Language): void {
  language = next;
  storeLanguage(next);
  // The choice is remembered; a ?lang= in the address would otherwise override it on the next load.
  const url = new URL(location.href);
  if (url.searchParams.has('lang')) {
    url.searchParams.delete('lang');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  start();
  // The pressed language button was rebuilt: keep the keyboard where it was.
  document.querySelector<HTMLButtonElement>(`.language-button[lang="${next}"]`)?.focus();
}

function start(): void {
  document.documentElement.lang = language;
  const root = document.getElementById('app');
  if (!root) return;
  shell = buildShell(root, language, MESSAGES[language], setLanguage);
  // Every page's header and footer name the province and the publisher.
  (overviewPromise ?? fetchOverview()).then((overview) => shell.setOverview(overview)).catch(() => undefined);
  void render(false);
}

document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0) return;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || !anchor.href) return;
  const href = new URL(anchor.href);
  const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
  if (
    !isPortalLink(href, location.origin, {
      target: anchor.getAttribute('target'),
      download: anchor.hasAttribute('download'),
      modified,
    })
  ) {
    return;
  }
  if (href.pathname === location.pathname && href.search === location.search && href.hash) return;
  event.preventDefault();
  navigate(href.pathname + href.search + href.hash);
});

window.addEventListener('popstate', () => void render(true));

if (new URLSearchParams(location.search).has('lang')) storeLanguage(language);
start();
