/**
 * The frame around every page: skip link, header with the site's name and the province, the main navigation
 * (a menu button on phones), the language switch and the footer with the publisher, the licence and the discreet
 * way to the officials' application.
 */
import type { PublicOverview } from '@sievert/core';
import { h, replaceChildren, s } from './dom';
import { fill, LANGUAGE_NAMES, LANGUAGES, type Language, type Messages } from './i18n';
import { navSection, pathFor, type Route } from './routes';
import { provinceName, publisherName } from './context';

export interface Shell {
  main: HTMLElement;
  /** Marks the current section in the navigation and closes the phone menu. */
  setRoute(route: Route): void;
  setOverview(overview: PublicOverview): void;
}

const NAV_ENTRIES = [
  { section: 'home', path: pathFor({ name: 'home' }), key: 'map' },
  { section: 'notices', path: pathFor({ name: 'notices' }), key: 'notices' },
  { section: 'learn', path: pathFor({ name: 'learn' }), key: 'learn' },
  { section: 'facilities', path: pathFor({ name: 'facilities' }), key: 'facilities' },
  { section: 'data', path: pathFor({ name: 'data' }), key: 'data' },
] as const;

/** The Sievert mark (the trefoil of the officials' application), decorative. */
function logo(): SVGSVGElement {
  return s(
    'svg',
    {
      class: 'brand-mark',
      viewBox: '0 0 32 32',
      width: 32,
      height: 32,
      'aria-hidden': 'true',
      focusable: 'false',
    },
    s('rect', { width: 32, height: 32, rx: 7, fill: '#0b2a4a' }),
    s('path', {
      fill: '#f2c14e',
      d: 'M18.30 12.02L21.50 6.47A11 11 0 0 0 10.50 6.47L13.70 12.02A4.6 4.6 0 0 1 18.30 12.02ZM11.40 16.00L5.00 16.00A11 11 0 0 0 10.50 25.53L13.70 19.98A4.6 4.6 0 0 1 11.40 16.00ZM18.30 19.98L21.50 25.53A11 11 0 0 0 27.00 16.00L20.60 16.00A4.6 4.6 0 0 1 18.30 19.98Z',
    }),
    s('circle', { cx: 16, cy: 16, r: 2.6, fill: '#f2c14e' }),
  );
}

export function buildShell(
  root: HTMLElement,
  language: Language,
  text: Messages,
  onLanguage: (language: Language) => void,
): Shell {
  const province = h('span', { class: 'brand-province' });
  const links = new Map<string, HTMLAnchorElement>();
  const navList = h(
    'ul',
    { class: 'nav-list' },
    ...NAV_ENTRIES.map((entry) => {
      const link = h('a', { href: entry.path, class: 'nav-link' }, text.nav[entry.key]);
      links.set(entry.section, link);
      return h('li', undefined, link);
    }),
  );
  const nav = h(
    'nav',
    { id: 'site-nav', class: 'site-nav', 'aria-label': text.nav.label, 'data-open': 'false' },
    navList,
  );
  const menuButton = h(
    'button',
    { type: 'button', class: 'menu-button', 'aria-expanded': 'false', 'aria-controls': 'site-nav' },
    s(
      'svg',
      { viewBox: '0 0 24 24', width: 20, height: 20, 'aria-hidden': 'true', focusable: 'false' },
      s('path', { d: 'M3 6h18M3 12h18M3 18h18', stroke: 'currentColor', 'stroke-width': 2, fill: 'none' }),
    ),
    h('span', undefined, text.nav.menu),
  );
  const setMenuOpen = (open: boolean) => {
    menuButton.setAttribute('aria-expanded', String(open));
    nav.setAttribute('data-open', String(open));
  };
  menuButton.addEventListener('click', () =>
    setMenuOpen(menuButton.getAttribute('aria-expanded') !== 'true'),
  );
  nav.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && menuButton.getAttribute('aria-expanded') === 'true') {
      setMenuOpen(false);
      menuButton.focus();
    }
  });

  const languageSwitch = h(
    'div',
    { class: 'language-switch', role: 'group', 'aria-label': text.language.label },
    ...LANGUAGES.flatMap((code, index) => [
      index > 0 ? h('span', { class: 'language-separator', 'aria-hidden': 'true' }, '|') : null,
      h(
        'button',
        {
          type: 'button',
          class: 'language-button',
          lang: code,
          'aria-pressed': String(code === language),
          onclick: () => {
            if (code !== language) onLanguage(code);
          },
        },
        LANGUAGE_NAMES[code],
      ),
    ]),
  );

  const header = h(
    'header',
    { class: 'site-header' },
    h(
      'div',
      { class: 'header-bar' },
      h(
        'a',
        { class: 'brand', href: pathFor({ name: 'home' }) },
        logo(),
        h('span', { class: 'brand-text' }, h('span', { class: 'brand-name' }, text.site.name), province),
      ),
      h('div', { class: 'header-tools' }, languageSwitch, menuButton),
    ),
    nav,
  );

  const main = h('main', { id: 'main', class: 'site-main', tabindex: -1 });
  const publisher = h('p', { class: 'footer-publisher' });
  const licence = h('p', { class: 'footer-licence' });
  const footer = h(
    'footer',
    { class: 'site-footer', 'aria-label': text.footer.label },
    h(
      'div',
      { class: 'footer-inner' },
      publisher,
      licence,
      // The officials' application lives at the site's root; the link stays quiet on purpose.
      h('p', { class: 'footer-officials' }, h('a', { href: '/' }, text.footer.officials)),
    ),
  );

  replaceChildren(
    root,
    h('a', { class: 'skip-link', href: '#main' }, text.site.skipLink),
    header,
    main,
    footer,
  );

  return {
    main,
    setRoute(route) {
      const section = navSection(route);
      for (const [key, link] of links) {
        // "page" on the section's own page; "true" on a page inside it (a station under the map).
        if (key === section) link.setAttribute('aria-current', route.name === section ? 'page' : 'true');
        else link.removeAttribute('aria-current');
      }
      setMenuOpen(false);
    },
    setOverview(overview) {
      province.textContent = provinceName(overview, language);
      publisher.textContent = fill(text.footer.publisher, { publisher: publisherName(overview, language) });
      const licenceText = fill(text.footer.licence, { licence: overview.licence.name });
      if (overview.licence.url) {
        replaceChildren(licence, h('a', { href: overview.licence.url, rel: 'license' }, licenceText));
      } else {
        licence.textContent = licenceText;
      }
    },
  };
}
