import { describe, expect, it } from 'vitest';
import { isPortalLink, matchRoute, navSection, pathFor, type Route } from './routes';

describe('routes', () => {
  it('reads every page of the portal', () => {
    expect(matchRoute('/public/')).toEqual({ name: 'home' });
    expect(matchRoute('/public')).toEqual({ name: 'home' });
    expect(matchRoute('/public/stations/VN33909')).toEqual({ name: 'station', code: 'VN33909' });
    expect(matchRoute('/public/stations/VN33909/')).toEqual({ name: 'station', code: 'VN33909' });
    expect(matchRoute('/public/notices')).toEqual({ name: 'notices' });
    expect(matchRoute('/public/notices/12')).toEqual({ name: 'notice', id: 12 });
    expect(matchRoute('/public/learn')).toEqual({ name: 'learn' });
    expect(matchRoute('/public/learn/units')).toEqual({ name: 'topic', topic: 'units' });
    expect(matchRoute('/public/facilities')).toEqual({ name: 'facilities' });
    expect(matchRoute('/public/data')).toEqual({ name: 'data' });
  });

  it('answers not_found for anything else', () => {
    for (const path of [
      '/',
      '/publicity',
      '/public/unknown',
      '/public/notices/abc',
      '/public/notices/0',
      '/public/notices/99999999999',
      '/public/stations/',
      '/public/stations/a/b',
      '/public/stations/%E0%A4%A',
    ]) {
      expect(matchRoute(path), path).toEqual({ name: 'not_found' });
    }
  });

  it('writes addresses the router reads back', () => {
    const routes: Exclude<Route, { name: 'not_found' }>[] = [
      { name: 'home' },
      { name: 'station', code: 'HY 01/á' },
      { name: 'notices' },
      { name: 'notice', id: 7 },
      { name: 'learn' },
      { name: 'topic', topic: 'safety' },
      { name: 'facilities' },
      { name: 'data' },
    ];
    for (const route of routes) expect(matchRoute(pathFor(route))).toEqual(route);
  });

  it('marks the station page as part of the map section', () => {
    expect(navSection({ name: 'station', code: 'X' })).toBe('home');
    expect(navSection({ name: 'notice', id: 1 })).toBe('notices');
    expect(navSection({ name: 'not_found' })).toBeNull();
  });
});

describe('isPortalLink', () => {
  const origin = 'https://sievert.example';
  const plain = { target: null, download: false, modified: false };

  it('takes portal pages only', () => {
    expect(isPortalLink(new URL('/public/data', origin), origin, plain)).toBe(true);
    expect(isPortalLink(new URL('/', origin), origin, plain)).toBe(false);
    expect(isPortalLink(new URL('/api/v1/public/export?format=csv', origin), origin, plain)).toBe(false);
    expect(isPortalLink(new URL('/public/assets/index.js', origin), origin, plain)).toBe(false);
    expect(isPortalLink(new URL('https://other.example/public/'), origin, plain)).toBe(false);
  });

  it('leaves new tabs, downloads and modified clicks to the browser', () => {
    const url = new URL('/public/data', origin);
    expect(isPortalLink(url, origin, { ...plain, target: '_blank' })).toBe(false);
    expect(isPortalLink(url, origin, { ...plain, download: true })).toBe(false);
    expect(isPortalLink(url, origin, { ...plain, modified: true })).toBe(false);
  });
});
