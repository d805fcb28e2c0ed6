import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, screenshotPath } from './support/browser.js';
import { DEMO_PASSWORD, startServer, type RunningServer } from './support/server.js';

describe('sign in, province map, language switch, sign out', () => {
  let server: RunningServer;
  let browser: Browser;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    const code = await server?.stop();
    expect(code).toBe(0);
  });

  async function signIn(page: Page, username: string) {
    await page.goto(server.url);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
  }

  it('on a desktop: logs in in Vietnamese, shows the 104 communes, switches to English, logs out', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(server.url);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
    await page.getByTestId('login-submit').waitFor();
    expect(await page.getByTestId('login-submit').innerText()).toMatch(/Đăng nhập/);
    await page.screenshot({ path: screenshotPath('01-login-vi'), fullPage: true });

    // A wrong password shows the Vietnamese message for the error code.
    await page.getByTestId('login-username').fill('demo.dost');
    await page.getByTestId('login-password').fill('sai-mat-khau');
    await page.getByTestId('login-submit').click();
    await page.getByText('Tên đăng nhập hoặc mật khẩu không đúng.').waitFor();

    await signIn(page, 'demo.dost');
    const map = page.getByTestId('province-map');
    await map.waitFor();
    await expect.poll(() => map.getAttribute('data-commune-count'), { timeout: 20_000 }).toBe('104');
    expect(await page.locator('path.commune-shape').count()).toBe(104);
    expect(await page.getByTestId('page-title').innerText()).toMatch(/Tổng quan/);

    // Hovering a commune names it.
    const shape = page.locator('path.commune-shape').nth(10);
    await shape.hover({ force: true });
    await page.locator('.leaflet-tooltip').first().waitFor();
    expect(await page.locator('.leaflet-tooltip').first().innerText()).toMatch(/^(Xã|Phường) /);
    await page.screenshot({ path: screenshotPath('02-dashboard-vi'), fullPage: true });

    await page.getByTestId('lang-switch').first().click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => page.getByTestId('page-title').innerText()).toMatch(/Overview|Dashboard/);
    await page.screenshot({ path: screenshotPath('03-dashboard-en'), fullPage: true });

    // The choice persists across a reload.
    await page.reload();
    await page.getByTestId('province-map').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-submit').waitFor();
    expect(await page.getByTestId('login-submit').innerText()).toMatch(/Sign in|Log in/);
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
    expect(me).toBe(401);
    await context.close();
  });

  it('on a phone: the navigation is a drawer and the map fits', async () => {
    const context = await newContext(browser, { width: 390, height: 844 });
    const page = await context.newPage();
    await signIn(page, 'demo.commune');
    await page.getByTestId('province-map').waitFor();
    await expect
      .poll(() => page.getByTestId('province-map').getAttribute('data-commune-count'), { timeout: 20_000 })
      .toBe('104');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: screenshotPath('04-dashboard-phone-vi'), fullPage: true });
    await context.close();
  });

  it('admin pages: organisations, users and the audit log with its integrity check', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'demo.admin');
    await page.getByTestId('province-map').waitFor();
    for (const [path, name] of [
      ['/admin/organisations', '05-admin-organisations-vi'],
      ['/admin/users', '06-admin-users-vi'],
      ['/admin/audit', '07-admin-audit-vi'],
      ['/admin/tokens', '08-admin-tokens-vi'],
      ['/admin/system', '09-admin-system-vi'],
      ['/account', '10-account-vi'],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await page.getByTestId('page-title').waitFor();
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: screenshotPath(name) });
    }
    await context.close();
    expect(consoleErrors.filter((e) => !/401|Unauthorized|Failed to load resource/.test(e))).toEqual([]);
  });
});
