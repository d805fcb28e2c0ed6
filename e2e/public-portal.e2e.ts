/**
 * The public portal without signing in (issue 7): the live map and station table in Vietnamese and English, on a
 * desktop and a phone; a station page with its 24 h / 35 d / 1 y charts and a CSV download; notices (an approved
 * one public, an exercise labelled, a draft not); the keyboard path; and a walk over every portal page checking
 * that no registry coordinate, serial or personal name shows, in the page or in anything it downloaded.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { parseCsvObjects } from '@sievert/core';
import { apiSignIn, type ApiClient } from './support/api.js';
import { launchBrowser, newContext, screenshotPath } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

interface Needle {
  what: string;
  text: string;
  number?: boolean;
}

const numbersIn = (text: string) => new Set(text.match(/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi) ?? []);

describe('public portal: open to everyone, nothing sensitive', () => {
  let server: RunningServer;
  let browser: Browser;
  let dost: ApiClient;
  let leader: ApiClient;
  const consoleErrors: string[] = [];
  const needles: Needle[] = [];

  /** A new browser context without signing in; every response body it receives is kept for the redaction walk. */
  async function visitor(viewport = DESKTOP, received?: string[]): Promise<Page> {
    const context = await newContext(browser, viewport);
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    if (received)
      page.on('response', (res) => {
        const type = res.headers()['content-type'] ?? '';
        if (/json|text|csv|javascript/.test(type))
          void res
            .text()
            .then((body) => received.push(`${res.url()}\n${body}`))
            .catch(() => {});
      });
    return page;
  }

  async function shoot(page: Page, name: string) {
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath(name), fullPage: true });
  }

  async function noOverflow(page: Page) {
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(1);
  }

  beforeAll(async () => {
    // The simulator's backfill gives every demo station values older than the one-hour publication delay.
    server = await startServer({ SIEVERT_SIMULATOR: '1', SIEVERT_SIMULATOR_BACKFILL_HOURS: '72' });
    browser = await launchBrowser();
    dost = await apiSignIn(server, 'demo.dost');
    leader = await apiSignIn(server, 'demo.leader');

    // Notices: one approved (public), one exercise approved (public, labelled), one left as a draft (not public).
    const communes = (await dost.request('GET', '/api/v1/geo/communes')).json as Array<{ code: string }>;
    const communeCode = communes[0]!.code;
    const incident = async (title: string, exercise: boolean) => {
      const res = await dost.request('POST', '/api/v1/incidents', {
        kind: 'found_source',
        title,
        description:
          'Phát hiện vật nghi là nguồn phóng xạ tại bãi phế liệu; lực lượng chức năng đã khoanh vùng.',
        lat: 20.701234,
        lon: 106.101234,
        communeCode,
        exercise,
      });
      expect(res.status).toBe(201);
      return (res.json as { id: number }).id;
    };
    const notice = async (id: number, title: string, approve: boolean) => {
      const res = await dost.request('POST', `/api/v1/incidents/${id}/notices`, {
        title,
        body: 'Người dân không đến gần khu vực bãi phế liệu. Suất liều đo được ngoài vùng cách ly ở mức phông tự nhiên.',
      });
      expect(res.status).toBe(201);
      const noticeId = (res.json as { id: number }).id;
      if (approve)
        expect(
          (await leader.request('POST', `/api/v1/incidents/${id}/notices/${noticeId}/approve`, {})).status,
        ).toBe(200);
    };
    const real = await incident('Phát hiện nguồn phóng xạ vô chủ tại bãi phế liệu', false);
    await notice(real, 'Khoanh vùng bãi phế liệu có vật nghi phóng xạ', true);
    await notice(real, 'Bản nháp chưa duyệt – không được công bố', false);
    const drill = await incident('Diễn tập ứng phó sự cố mất nguồn', true);
    await notice(drill, 'Thông báo diễn tập ứng phó sự cố bức xạ', true);

    // What must never show: the registry's sources and places, the people. Facilities of the demo sit on their
    // commune's label point (public geography), so the first one is moved to a place of its own.
    const facilities = (await dost.request('GET', '/api/v1/facilities?limit=100')).json as {
      items: Array<{ id: number; version: number }>;
    };
    const first = facilities.items[0]!;
    const moved = await dost.request('PATCH', `/api/v1/facilities/${first.id}`, {
      lat: 20.634517,
      lon: 106.047283,
      version: first.version,
    });
    expect(moved.status, JSON.stringify(moved.json)).toBe(200);
    for (const v of ['20.634517', '20.63452', '20.6345', '106.047283', '106.04728', '106.0473'])
      needles.push({ what: 'facility coordinate', text: v, number: true });
    for (const v of ['20.701234', '20.70123', '106.101234', '106.10123'])
      needles.push({ what: 'incident coordinate', text: v, number: true });
    const sources = (await dost.request('GET', '/api/v1/sources?limit=100')).json as {
      items: Array<{ serial: string }>;
    };
    expect(sources.items.length).toBeGreaterThan(0);
    for (const s of sources.items) needles.push({ what: 'source serial', text: s.serial });
    const admin = await apiSignIn(server, 'demo.admin');
    const users = (await admin.request('GET', '/api/v1/users?limit=100')).json as {
      items: Array<{ displayName: string }>;
    };
    for (const u of users.items) {
      const name = u.displayName.split('(')[0]!.trim();
      if (name.length >= 5) needles.push({ what: 'person name', text: name });
    }
    expect(needles.filter((n) => n.what === 'person name').length).toBeGreaterThan(5);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    expect(await server?.stop()).toBe(0);
  });

  it('shows the live map and the station table without signing in, in Vietnamese and in English', async () => {
    const page = await visitor();
    await page.goto(`${server.url}/public/`);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Suất liều bức xạ gamma môi trường');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
    const table = page.locator('main table').first();
    expect(await table.locator('caption').innerText()).toContain('Các trạm quan trắc');
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(5);
    // Values in µSv/h with a decimal comma, every station online or offline.
    await expect.poll(() => table.locator('tbody').innerText()).toMatch(/0,\d{3}/);
    // One marker per station on the map, reachable with the keyboard.
    await expect
      .poll(() => page.locator('.leaflet-marker-icon').count())
      .toBe(await table.locator('tbody tr').count());
    expect(await page.locator('.leaflet-marker-icon').first().getAttribute('tabindex')).toBe('0');
    // The communes drawn lightly behind the stations.
    await expect.poll(() => page.locator('.leaflet-overlay-pane path').count()).toBeGreaterThan(50);
    await noOverflow(page);
    await shoot(page, '90-portal-map-vi');

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Environmental gamma dose rate');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect.poll(() => table.locator('tbody').innerText()).toMatch(/0\.\d{3}/);
    await shoot(page, '91-portal-map-en');
    // The choice is remembered.
    await page.reload();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Environmental gamma dose rate');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Suất liều bức xạ gamma môi trường');

    // Keyboard: the first Tab reaches the skip link, which leads to the main content.
    await page.reload();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
      'Bỏ qua, đến nội dung chính',
    );
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
    await page.context().close();
  });

  it('opens a station’s charts over 24 hours, 35 days and a year, and downloads its CSV', async () => {
    const page = await visitor();
    await page.goto(`${server.url}/public/`);
    const first = page.locator('table tbody tr a').first();
    const name = await first.innerText();
    await first.click();
    await expect.poll(() => page.locator('h1').innerText()).toBe(name);
    const chart = page.locator('svg[role="img"]');
    await expect.poll(() => chart.locator('path').count()).toBeGreaterThan(0);
    await shoot(page, '92-portal-station-24h-vi');
    for (const period of ['35 ngày', '1 năm']) {
      await page.getByRole('button', { name: period }).click();
      await expect
        .poll(() => page.getByRole('button', { name: period }).getAttribute('aria-pressed'))
        .toBe('true');
      await expect.poll(() => chart.getAttribute('aria-label')).toContain(period);
      await expect.poll(() => chart.locator('path').count()).toBeGreaterThan(0);
    }
    await shoot(page, '93-portal-station-1y-vi');

    await page.getByRole('button', { name: '24 giờ' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sievert-VN\w+-raw-.*\.csv$/);
    const rows = parseCsvObjects(readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, ''));
    expect(rows.length).toBeGreaterThan(100);
    expect(rows[0]).toMatchObject({ unit: 'nSv/h', resolution: 'raw' });
    expect(Number(rows[0]!.value)).toBeGreaterThan(20);
    await page.context().close();
  });

  it('works on a phone: menu, map, table and a station page fit the screen', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const page = await visitor(PHONE);
      await page.goto(`${server.url}/public/?lang=${lang}`);
      await page.locator('table tbody tr').first().waitFor();
      await page.locator('.leaflet-marker-icon').first().waitFor();
      await noOverflow(page);
      await shoot(page, `94-portal-phone-${lang}`);
      await page.getByRole('button', { name: lang === 'vi' ? 'Danh mục' : 'Menu' }).click();
      await page.getByRole('link', { name: lang === 'vi' ? 'Thông báo' : 'Notices', exact: true }).click();
      await expect.poll(() => page.locator('h1').innerText()).toBe(lang === 'vi' ? 'Thông báo' : 'Notices');
      await noOverflow(page);
      if (lang === 'vi') await shoot(page, '95-portal-notices-phone-vi');
      await page.context().close();
    }
    const page = await visitor(PHONE);
    await page.goto(`${server.url}/public/`);
    await page.locator('table tbody tr a').first().click();
    await page.locator('svg[role="img"] path').first().waitFor();
    await noOverflow(page);
    await shoot(page, '96-portal-station-phone-vi');
    await page.context().close();
  });

  it('publishes approved notices only, the exercise labelled as one', async () => {
    const page = await visitor();
    await page.goto(`${server.url}/public/notices`);
    const main = page.locator('main');
    await expect.poll(() => main.innerText()).toContain('Khoanh vùng bãi phế liệu có vật nghi phóng xạ');
    const text = await main.innerText();
    expect(text).toContain('[DIỄN TẬP] Thông báo diễn tập ứng phó sự cố bức xạ');
    expect(text).toContain('DIỄN TẬP / EXERCISE');
    expect(text).not.toContain('Bản nháp chưa duyệt');
    await shoot(page, '97-portal-notices-vi');
    await page.context().close();
  });

  it('walks every portal page and finds no registry coordinate, serial or personal name', async () => {
    const received: string[] = [];
    const page = await visitor(DESKTOP, received);
    const shown: string[] = [];
    const visit = async (path: string) => {
      await page.goto(`${server.url}${path}`);
      await page.waitForLoadState('networkidle');
      shown.push(`${path}\n${await page.locator('body').innerText()}`);
    };
    await visit('/public/');
    const stationPaths = await page
      .locator('table tbody tr a')
      .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(stationPaths.length).toBeGreaterThan(5);
    for (const path of stationPaths) await visit(path);
    await visit('/public/notices');
    const noticePaths = await page
      .locator('main a[href*="/public/notices/"]')
      .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(noticePaths.length).toBeGreaterThanOrEqual(2);
    for (const path of noticePaths) await visit(path);
    await visit('/public/learn');
    const learnPaths = await page
      .locator('main a[href*="/public/learn/"]')
      .evaluateAll((links) => [
        ...new Set(links.map((a) => new URL((a as HTMLAnchorElement).href).pathname)),
      ]);
    expect(learnPaths.length).toBeGreaterThanOrEqual(5);
    for (const path of learnPaths) await visit(path);
    await visit('/public/facilities');
    await visit('/public/data');
    for (const lang of ['en', 'vi']) await visit(`/public/?lang=${lang}`);

    const leaks: string[] = [];
    for (const text of [...shown, ...received]) {
      const where = text.slice(0, text.indexOf('\n'));
      const numbers = numbersIn(text);
      for (const n of needles)
        if (n.number ? numbers.has(n.text) : text.includes(n.text))
          leaks.push(`${where}: ${n.what} "${n.text}"`);
    }
    expect(leaks).toEqual([]);
    expect(received.length).toBeGreaterThan(10);
    // The matching does find what is there: a public station's coordinate, in what the pages downloaded.
    const stations = (await (await fetch(`${server.url}/api/v1/public/stations`)).json()) as {
      stations: Array<{ lat: number }>;
    };
    expect(numbersIn(received.join('\n')).has(String(stations.stations[0]!.lat))).toBe(true);
    expect(consoleErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    await page.context().close();
  });
});
