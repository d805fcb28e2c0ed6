import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { raiseAlarm } from './support/api.js';
import { startServer, type RunningServer } from './support/server.js';
import { browserSession, type BrowserSession } from './support/session.js';

describe('monitoring stations: an official adds a station and issues its ingest token', () => {
  let server: RunningServer;
  let browser: Browser;
  let session: BrowserSession;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    session = browserSession(server, browser);
  });
  afterAll(async () => {
    await session?.close();
    await browser?.close();
    expect(await server?.stop()).toBe(0);
  });

  it('adds a gamma dose-rate station, issues a token shown once, and revokes it', async () => {
    const page = await session.signIn('demo.dost');
    await page.getByTestId('nav-monitoring').click();
    await page.getByTestId('monitoring-tab-stations').click();
    await page.getByTestId('station-create').click();
    await page.getByTestId('station-code').fill('vn33901');
    await page.getByTestId('station-name').fill('Trạm quan trắc phóng xạ môi trường Phố Hiến');
    await page.getByTestId('station-lat').fill('20.6465');
    await page.getByTestId('station-lon').fill('106.0511');
    await page.getByTestId('station-save').click();
    await page.waitForURL(/\/monitoring\/stations\/VN33901$/);
    await expect
      .poll(() => page.getByTestId('station-status').first().getAttribute('data-status'))
      .toBe('operating');

    await page.getByTestId('station-token-create').click();
    await page.getByTestId('station-token-submit').click();
    const token = await page.getByTestId('station-token-value').innerText();
    expect(token).toMatch(/svs_[0-9a-f]{12}_/);
    await session.shoot(page, '50-station-token-vi');
    await page.getByTestId('station-token-done').click();
    const revoke = page.locator('[data-testid^="station-token-revoke-"]').first();
    await revoke.click();
    await page.locator('.ant-popconfirm .ant-btn-dangerous').click();
    await expect.poll(() => page.locator('[data-testid^="station-token-revoke-"]').count()).toBe(0);
    await session.shoot(page, '51-station-detail-vi');

    await page.getByTestId('nav-monitoring').click();
    await page.getByTestId('monitoring-tab-stations').click();
    await page.getByTestId('station-link-VN33901').waitFor();
    await session.shoot(page, '52-stations-vi');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });

  it('changes the first rung of the alarm ladder, sees it in force, and goes back to the defaults', async () => {
    const page = await session.signIn('demo.dost');
    await page.getByTestId('nav-monitoring').click();
    await page.getByTestId('monitoring-tab-rules').click();
    await page.getByTestId('rules-ladder').waitFor();
    expect(await page.getByTestId('rules-state').getAttribute('data-default')).toBe('true');
    await page.getByTestId('rules-edit').click();
    const threshold = page.getByTestId('rule-rung-threshold-0');
    await threshold.fill('0.25');
    await page.getByTestId('rules-save').click();
    await expect.poll(() => page.getByTestId('rules-state').getAttribute('data-default')).toBe('false');
    await session.shoot(page, '58-alarm-rules-vi');
    await page.getByTestId('rules-reset').click();
    await page.getByTestId('rules-reset-confirm').click();
    await expect.poll(() => page.getByTestId('rules-state').getAttribute('data-default')).toBe('true');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });

  it('reads the station list on a phone', async () => {
    const page = await session.signIn('demo.responder', { width: 390, height: 844 });
    await page.getByTestId('nav-toggle').click();
    await page.getByTestId('nav-monitoring').click();
    await page.getByTestId('monitoring-tab-stations').click();
    await page.getByTestId('station-link-VN33901').waitFor();
    expect(await page.getByTestId('station-create').count()).toBe(0);
    await session.noOverflow(page);
    await session.shoot(page, '53-stations-phone-vi');
  });
});

describe('monitoring network: the dashboard with the station simulator running', () => {
  let server: RunningServer;
  let browser: Browser;
  let session: BrowserSession;

  beforeAll(async () => {
    server = await startServer({ SIEVERT_SIMULATOR: '1', SIEVERT_SIMULATOR_BACKFILL_HOURS: '48' });
    browser = await launchBrowser();
    session = browserSession(server, browser);
  });
  afterAll(async () => {
    await session?.close();
    await browser?.close();
    expect(await server?.stop()).toBe(0);
  });

  it('shows live values on the map, opens a station chart and acknowledges an alarm', async () => {
    const page = await session.signIn('demo.dost');
    await page.getByTestId('nav-monitoring').click();
    await page.getByTestId('network-map').waitFor();
    // The simulator's values arrive: the station's latest value shows on the map and in the table.
    await expect
      .poll(() => page.getByTestId('station-marker-VN33001').getAttribute('data-value'), { timeout: 60_000 })
      .toMatch(/^\d/);
    const first = await page.getByTestId('network-value-VN33001').innerText();
    expect(first).toMatch(/^0,\d+$/); // µSv/h in Vietnamese number format (the column header names the unit)
    await session.shoot(page, '54-network-dashboard-vi');

    await raiseAlarm(server, 'VN33950');
    await expect
      .poll(() => page.locator('[data-testid^="alarm-row-"][data-station="VN33950"]').count(), {
        timeout: 40_000,
      })
      .toBeGreaterThan(0);
    const row = page.locator('[data-testid^="alarm-row-"][data-station="VN33950"]').first();
    const id = (await row.getAttribute('data-testid'))!.replace('alarm-row-', '');
    expect(await row.getAttribute('data-severity')).toBe('alert');
    await session.shoot(page, '55-network-alarm-vi');
    await page.getByTestId(`alarm-ack-${id}`).click();
    await page.getByTestId('alarm-note').fill('Đã gọi điện cho trạm, cử cán bộ kiểm tra');
    await page.getByTestId('alarm-ack-submit').click();
    await expect
      .poll(() => page.getByTestId(`alarm-row-${id}`).getAttribute('data-state'))
      .toBe('acknowledged');

    await page.getByTestId('station-marker-VN33001').click({ force: true });
    await page.getByTestId('station-popup-link-VN33001').click();
    await page.waitForURL(/\/monitoring\/stations\/VN33001$/);
    await expect
      .poll(async () => Number(await page.getByTestId('station-chart').getAttribute('data-points')), {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    await page.getByTestId('station-chart-range-7d').click();
    await expect.poll(() => page.getByTestId('chart-resolution').getAttribute('data-resolution')).toBe('raw');
    await session.shoot(page, '56-station-chart-vi');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });

  it('reads the dashboard on a phone, in English', async () => {
    const page = await session.signIn('demo.responder', { width: 390, height: 844 });
    await page.evaluate(() => localStorage.setItem('sievert.language', 'en'));
    await page.goto(`${server.url}/monitoring`);
    await page.getByTestId('network-map').waitFor();
    await expect.poll(() => page.getByTestId('network-count-total').getAttribute('data-value')).not.toBe('0');
    await session.noOverflow(page);
    await session.shoot(page, '57-network-phone-en');
  });
});
