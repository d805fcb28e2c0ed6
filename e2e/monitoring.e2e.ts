import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
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
    await page.getByTestId('station-create').click();
    await page.getByTestId('station-code').fill('vn33001');
    await page.getByTestId('station-name').fill('Trạm quan trắc phóng xạ môi trường Phố Hiến');
    await page.getByTestId('station-lat').fill('20.6465');
    await page.getByTestId('station-lon').fill('106.0511');
    await page.getByTestId('station-save').click();
    await page.waitForURL(/\/monitoring\/stations\/VN33001$/);
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
    await page.getByTestId('station-link-VN33001').waitFor();
    await session.shoot(page, '52-stations-vi');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });

  it('reads the station list on a phone', async () => {
    const page = await session.signIn('demo.responder', { width: 390, height: 844 });
    await page.getByTestId('nav-toggle').click();
    await page.getByTestId('nav-monitoring').click();
    await page.getByTestId('station-link-VN33001').waitFor();
    expect(await page.getByTestId('station-create').count()).toBe(0);
    await session.noOverflow(page);
    await session.shoot(page, '53-stations-phone-vi');
  });
});
