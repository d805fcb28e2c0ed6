import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { browserSession, type BrowserSession } from './support/session.js';

/** DD/MM/YYYY of today plus some days in Vietnam, as the date pickers take it. */
function viDate(plusDays = 0): string {
  const day = new Date(Date.now() + plusDays * 86_400_000);
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(day);
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** Types a date into an antd date picker and leaves it with Tab (Enter would also submit the form). */
async function pickDate(page: Page, testId: string, value: string) {
  await page.getByTestId(testId).click();
  await page.getByTestId(testId).fill(value);
  await page.keyboard.press('Tab');
}

describe('an inspection: planned, carried out with a finding, corrected by the facility, verified and closed', () => {
  let server: RunningServer;
  let browser: Browser;
  let session: BrowserSession;
  let inspectionUrl = '';

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

  const statusOf = (page: Page) => page.getByTestId('inspection-status').first().getAttribute('data-status');

  it('the inspector plans an inspection of the hospital, starts it and records a finding', async () => {
    const page = await session.signIn('demo.inspector');
    await session.openRegistry(page, 'inspections');
    await page.getByTestId('inspection-create').click();
    await session.choose(page, 'inspection-facility', 'Bệnh viện Đa khoa tỉnh Hưng Yên');
    await pickDate(page, 'inspection-planned-on', viDate(0));
    await page.getByTestId('inspection-save').click();
    await page.waitForURL(/\/registry\/inspections\/\d+$/);
    inspectionUrl = page.url();
    await expect.poll(() => statusOf(page)).toBe('planned');

    await page.getByTestId('inspection-start').click();
    await page.getByTestId('inspection-confirm').click();
    await expect.poll(() => statusOf(page)).toBe('in_progress');

    await page.getByTestId('finding-add').click();
    await page
      .getByTestId('finding-description')
      .fill('Biển cảnh báo bức xạ tại cửa phòng X-quang số 2 bị mờ, không đọc được.');
    await page.getByTestId('finding-corrective-action').fill('Thay biển cảnh báo theo mẫu quy định.');
    await pickDate(page, 'finding-due-on', viDate(30));
    await page.getByTestId('finding-save').click();
    await page.locator('[data-testid="finding-status"][data-status="open"]').first().waitFor();

    // A finding can become an incident report: the form opens with the origin, facility and finding's words.
    const href = await page.locator('a:has([data-testid^="finding-incident-"])').first().getAttribute('href');
    const report = await page.context().newPage();
    await report.goto(`${server.url}${href}`);
    await expect
      .poll(() => report.getByTestId('incident-description').inputValue())
      .toContain('Biển cảnh báo bức xạ');
    expect(await report.getByTestId('incident-origin').innerText()).toContain('Thanh tra, kiểm tra');
    await report.close();

    await page.getByTestId('inspection-complete').click();
    await page
      .getByTestId('inspection-summary')
      .last()
      .fill('Cơ sở cơ bản tuân thủ; có 1 phát hiện cần khắc phục.');
    await page.getByTestId('inspection-confirm').click();
    await expect.poll(() => statusOf(page)).toBe('completed');
    await session.shoot(page, '40-inspection-completed-vi');
  });

  it('the hospital reports the correction of its finding', async () => {
    const page = await session.signIn('demo.facility');
    await page.goto(inspectionUrl);
    await page.getByTestId('inspection-respond-alert').waitFor();
    const respond = page.locator('[data-testid^="finding-respond-"]').first();
    await respond.click();
    await page.getByTestId('finding-response-input').fill('Đã thay biển cảnh báo mới ngày hôm nay.');
    await page.getByTestId('finding-done').check();
    await page.getByTestId('finding-save').click();
    await page.locator('[data-testid="finding-status"][data-status="done"]').first().waitFor();
    // The facility sees no inspector's buttons.
    expect(await page.getByTestId('inspection-close').count()).toBe(0);
    await session.shoot(page, '41-inspection-facility-reported-vi');
  });

  it('the inspector verifies the correction, closes the inspection and downloads the record', async () => {
    const page = await session.signIn('demo.inspector');
    await page.goto(inspectionUrl);
    await page.locator('[data-testid^="finding-verify-"]').first().click();
    await page.getByTestId('inspection-confirm').click();
    await page.locator('[data-testid="finding-status"][data-status="verified"]').first().waitFor();
    await page.getByTestId('inspection-close').click();
    await page.getByTestId('inspection-confirm').click();
    await expect.poll(() => statusOf(page)).toBe('closed');
    // The record as a Word document, and as a page to print.
    const href = await page.getByTestId('inspection-record').getAttribute('href');
    const record = await page.request.get(new URL(href!, server.url).toString());
    expect(record.headers()['content-type']).toContain('wordprocessingml');
    const printHref = await page.getByTestId('inspection-record-print').getAttribute('href');
    const printable = await page.request.get(new URL(printHref!, server.url).toString());
    expect(await printable.text()).toContain('BIÊN BẢN KIỂM TRA AN TOÀN BỨC XẠ');
    await session.shoot(page, '42-inspection-closed-vi');
    await session.openRegistry(page, 'inspections');
    await page.getByTestId('inspections-table').waitFor();
    await session.shoot(page, '43-inspections-plan-vi');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });
});
