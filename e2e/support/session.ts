/**
 * What every browser test does with a running Sievert: sign in as a demo user in a fresh browser context, find a
 * registry tab, pick from an antd select, check the page fits the screen, and take a screenshot once the page
 * has settled. Console errors of every page are collected for a final check.
 */
import { expect, onTestFailed } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newContext, screenshotPath } from './browser.js';
import { DEMO_PASSWORD, type RunningServer } from './server.js';

export interface BrowserSession {
  signIn(username: string, viewport?: { width: number; height: number }): Promise<Page>;
  openRegistry(page: Page, tab?: string): Promise<void>;
  choose(page: Page, testId: string, text: string): Promise<void>;
  shoot(page: Page, name: string): Promise<void>;
  noOverflow(page: Page): Promise<void>;
  /** Console errors other than the expected 401s and failed loads. */
  unexpectedConsoleErrors(): string[];
  close(): Promise<void>;
}

export function browserSession(server: RunningServer, browser: Browser): BrowserSession {
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];
  return {
    async signIn(username, viewport) {
      const context = await newContext(browser, viewport);
      contexts.push(context);
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(`${username}: ${m.text()}`);
      });
      page.on('pageerror', (error) => consoleErrors.push(`${username}: ${error.message}`));
      // A failed test leaves what its page showed and what the server said last, so a rare failure can be read.
      onTestFailed(async ({ task }) => {
        const name = `failed-${task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60)}-${username}`;
        await page.screenshot({ path: screenshotPath(name), fullPage: true }).catch(() => {});
        console.error(
          `[${task.name}] ${username} at ${page.url()}; server log tail:\n${server.logs.join('').slice(-4000)}`,
        );
      });
      await page.goto(server.url);
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      // Signed in once the address leaves the login page (the login form has a page title of its own).
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await page.getByTestId('page-title').waitFor();
      return page;
    },

    /** Opens "Đăng ký & cấp phép" from the menu (in the drawer on a phone), then one of its tabs. */
    async openRegistry(page, tab) {
      if ((page.viewportSize()?.width ?? 1440) < 768) await page.getByTestId('nav-toggle').click();
      await page.getByTestId('nav-registry').click();
      await expect.poll(() => page.getByTestId('page-title').innerText()).toBe('Đăng ký & cấp phép');
      if (tab) {
        await page.getByTestId(`registry-tab-${tab}`).click();
        await page.waitForURL(`**/registry/${tab}**`);
      }
    },

    /** Picks an option of an antd select by its visible text. */
    async choose(page, testId, text) {
      await page.getByTestId(testId).click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text })
        .first()
        .click();
    },

    /** Screenshots without the confirmation toasts over the page title. */
    async shoot(page, name) {
      await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
      await page.waitForLoadState('networkidle');
      await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
      await page.waitForTimeout(400); // the loading veil fades out
      await page.screenshot({ path: screenshotPath(name), fullPage: true });
    },

    async noOverflow(page) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
    },

    unexpectedConsoleErrors: () =>
      consoleErrors.filter((e) => !/401|Unauthorized|Failed to load resource/.test(e)),

    async close() {
      for (const context of contexts) await context.close();
    },
  };
}
