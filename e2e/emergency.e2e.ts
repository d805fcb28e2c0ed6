import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { browserSession, type BrowserSession } from './support/session.js';

/**
 * Expected numbers (core/src/reference/cordon.json):
 * - Cs-137 Γ for H*(10) = 0.0926 µSv·m²/(MBq·h) (shared/reference/physics.md §5.6, computed from ENSDF/ICRP 107
 *   lines with ICRP 74 H*(10)/Φ), so 1 TBq gives 0.0926 × 10⁶ = 92 600 µSv/h at 1 m;
 * - the IAEA inner-cordon criterion 100 µSv/h and the 30 m default radius for an unshielded source (IAEA
 *   EPR-FIRST RESPONDERS 2006, Table 1): r = √(92 600 / 100) ≈ 30.4 m, larger than 30 m;
 * - lead broad-beam TVL for Cs-137 2.16 cm (NCRP Report 49): 5 cm lets 10^(−5/2.16) ≈ 0.00482 through,
 *   r = √(92 600 × 0.00482 / 100) ≈ 2.1 m, inside the default.
 */
describe('emergency: the source cordon calculator', () => {
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

  const radius = async (page: Page) =>
    Number(await page.getByTestId('cordon-radius').getAttribute('data-value'));

  async function enterCs137(page: Page) {
    await session.choose(page, 'cordon-nuclide', 'Cs-137');
    await page.getByTestId('cordon-activity').fill('1');
    await session.choose(page, 'cordon-activity-unit', 'TBq');
  }

  it('computes the cordon of a 1 TBq Cs-137 source, unshielded and behind 5 cm of lead', async () => {
    const page = await session.signIn('demo.responder');
    await page.getByTestId('nav-emergency').click();
    await page.getByTestId('emergency-tool-cordon').waitFor();
    await session.shoot(page, '70-emergency-tools-vi');

    await page.getByTestId('nav-cordon').click();
    await page.waitForURL('**/emergency/cordon');
    await expect.poll(() => page.getByTestId('page-title').innerText()).toBe('Vùng cách ly nguồn phóng xạ');
    await enterCs137(page);

    await expect.poll(() => radius(page)).toBeCloseTo(30.4, 1);
    expect(Number(await page.getByTestId('cordon-rate-1m').getAttribute('data-value'))).toBeCloseTo(
      92_600,
      0,
    );
    expect(await page.getByTestId('cordon-rate-1m').innerText()).toBe('92,6 mSv/h');
    expect(await page.getByTestId('cordon-radius').innerText()).toContain('30,4');
    await page.getByTestId('cordon-warning').waitFor();
    expect(await page.getByTestId('cordon-warning').innerText()).toContain('30 m');
    await page.getByTestId('cordon-chart').locator('canvas').waitFor();
    await session.shoot(page, '71-cordon-exceeds-vi');

    // The source placed on the map: the view comes close enough to show the two circles.
    const map = page.getByTestId('cordon-map');
    await map.scrollIntoViewIfNeeded();
    await map.click({ position: { x: 200, y: 200 } });
    await expect.poll(() => map.locator('path.leaflet-interactive').count()).toBeGreaterThanOrEqual(2);

    await session.choose(page, 'cordon-material', 'Chì');
    await page.getByTestId('cordon-thickness').fill('5');
    await expect.poll(() => radius(page)).toBeCloseTo(2.1, 1);
    expect(await page.getByTestId('cordon-warning').count()).toBe(0);
    expect(await page.getByTestId('cordon-shielding').innerText()).toContain('2,16 cm');
    await session.shoot(page, '72-cordon-lead-vi');

    // A fire: the 300 m default radius, the source inside it.
    await session.choose(page, 'cordon-situation', 'Cháy, nổ');
    await expect.poll(() => page.getByTestId('cordon-default-radius').getAttribute('data-value')).toBe('300');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });

  it('fits a phone, in Vietnamese and in English', async () => {
    const page = await session.signIn('demo.responder', { width: 390, height: 844 });
    await page.getByTestId('nav-toggle').click();
    await page.getByTestId('nav-cordon').click();
    await page.waitForURL('**/emergency/cordon');
    // The menu drawer slides away before the form takes clicks.
    await expect.poll(() => page.locator('.ant-drawer-open').count()).toBe(0);
    await page.waitForTimeout(400);
    // Cs-137 and GBq are the form's defaults: 1000 GBq = 1 TBq.
    await page.getByTestId('cordon-activity').fill('1000');
    await expect.poll(() => radius(page)).toBeCloseTo(30.4, 1);
    await page.getByTestId('cordon-warning').waitFor();
    await session.noOverflow(page);
    await session.shoot(page, '73-cordon-phone-vi');

    await page.evaluate(() => localStorage.setItem('sievert.language', 'en'));
    await page.reload();
    await page.getByTestId('cordon-activity').fill('37');
    await expect.poll(() => page.getByTestId('page-title').innerText()).toBe('Radioactive source cordon');
    // 37 GBq = 1 Ci of Cs-137: √(0.0926 × 37 000 / 100) ≈ 5.85 m, inside the 30 m default.
    await expect.poll(() => radius(page)).toBeCloseTo(5.85, 1);
    expect(await page.getByTestId('cordon-warning').count()).toBe(0);
    await session.noOverflow(page);
    await session.shoot(page, '74-cordon-phone-en');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });
});
