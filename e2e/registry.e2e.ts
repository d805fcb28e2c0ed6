import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { browserSession, type BrowserSession } from './support/session.js';

/** DD/MM/YYYY a year from today in Vietnam, as the date pickers take it. */
function nextYearVi(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const [year, month, day] = today.split('-');
  return `${day}/${month}/${Number(year) + 1}`;
}

describe('licensing a new CT scanner: facility declares and applies, DOST checks and appraises, leader approves', () => {
  let server: RunningServer;
  let browser: Browser;
  let session: BrowserSession;
  const serial = `E2E-CT-${Date.now().toString(36).toUpperCase()}`;
  let deviceId = 0;
  let applicationId = 0;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    session = browserSession(server, browser);
  });
  afterAll(async () => {
    await session?.close();
    await browser?.close();
    const code = await server?.stop();
    expect(code).toBe(0);
  });

  async function statusOf(page: Page) {
    return page.getByTestId('application-status').first().getAttribute('data-status');
  }

  it('a facility operator declares a CT scanner, records its QA test and applies for a licence', async () => {
    const page = await session.signIn('demo.facility');
    await session.openRegistry(page, 'devices');
    await expect.poll(() => page.getByTestId('page-title').innerText()).toBe('Thiết bị bức xạ');

    await page.getByTestId('device-create').click();
    await session.choose(page, 'device-type', 'Máy chụp cắt lớp vi tính (CT)');
    await page.getByTestId('device-maker').fill('Siemens Healthineers');
    await page.getByTestId('device-model').fill('SOMATOM go.Up');
    await page.getByTestId('device-serial').fill(serial);
    await page.getByTestId('device-year').fill('2025');
    await page.getByTestId('device-location').fill('Khoa Chẩn đoán hình ảnh, phòng CT số 2');
    await page.getByTestId('device-save').click();
    await page.waitForURL(/\/registry\/devices\/\d+$/);
    deviceId = Number(/(\d+)$/.exec(page.url())![1]);
    await expect.poll(() => page.getByTestId('page-title').innerText()).toBe('Máy chụp cắt lớp vi tính (CT)');
    // In use without a licence or a QA test: flagged in red and orange.
    await page.getByTestId('device-flag-unlicensed').first().waitFor();
    await page.getByTestId('device-flag-qa').first().waitFor();
    await session.shoot(page, '20-device-declared-vi');

    // The QA test (kiểm định) with its certificate and the next due date.
    await page.getByTestId('device-record-qa').click();
    await page.getByTestId('qa-certificate').fill('KĐ-2026/0815');
    await page.getByTestId('qa-tester').fill('Trung tâm Kiểm định thiết bị bức xạ (minh họa)');
    await page.getByTestId('qa-next-due').click();
    await page.getByTestId('qa-next-due').fill(nextYearVi());
    await page.keyboard.press('Enter');
    await page.getByTestId('qa-save').click();
    await page.locator('[data-testid="qa-history"] .ant-table-row').first().waitFor();
    await expect.poll(() => page.getByTestId('device-flag-qa').count()).toBe(0);
    expect(await page.getByTestId('device-flag-unlicensed').count()).toBeGreaterThan(0);

    // The licence application for this device: a draft first, then sent to the Department.
    await page.getByTestId('device-apply').click();
    await page.getByTestId('application-procedure-info').waitFor();
    expect(await page.getByTestId('application-procedure-info').innerText()).toMatch(/11 ngày làm việc/);
    await page.getByTestId('application-save').click();
    await page.waitForURL(/\/registry\/applications\/\d+$/);
    applicationId = Number(/(\d+)$/.exec(page.url())![1]);
    await expect.poll(() => statusOf(page)).toBe('draft');
    expect(await page.getByTestId('application-items').innerText()).toContain(
      'Máy chụp cắt lớp vi tính (CT)',
    );

    // The dossier: the safety assessment attached as a PDF; the other required documents still missing.
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('dossier-upload-safety_assessment').click();
    await (
      await chooser
    ).setFiles({
      name: 'Báo cáo đánh giá an toàn CT.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    const attached = page
      .getByTestId('dossier-doc-safety_assessment')
      .locator('a[data-testid^="dossier-file-"]');
    await attached.waitFor();
    expect(await attached.innerText()).toBe('Báo cáo đánh giá an toàn CT.pdf');
    expect(await page.getByTestId('dossier-missing').innerText()).toMatch(/còn thiếu 5 thành phần/);
    await session.shoot(page, '20-application-dossier-vi');

    await page.getByTestId('application-submit').click();
    await page.getByTestId('application-missing-documents').waitFor();
    await page.getByTestId('application-confirm').click();
    await expect.poll(() => statusOf(page)).toBe('submitted');
    const countdown = page.getByTestId('application-countdown').first();
    await countdown.waitFor();
    expect(Number(await countdown.getAttribute('data-days'))).toBeGreaterThan(3);
    expect(await countdown.innerText()).toMatch(/ngày làm việc/);
    // Once sent, the applicant may withdraw it but no longer edit or send it.
    expect(await page.getByTestId('application-submit').count()).toBe(0);
    expect(await page.getByTestId('application-edit').count()).toBe(0);
    await session.shoot(page, '21-application-submitted-vi');
  });

  it('a DOST officer accepts the dossier and appraises it with the checklist', async () => {
    const page = await session.signIn('demo.dost');
    await session.openRegistry(page);
    // The new device shows among the items needing attention.
    await expect.poll(() => page.getByTestId('attention-unlicensed').getAttribute('data-count')).toBe('1');
    await session.shoot(page, '22-registry-overview-vi');

    await page.getByTestId('registry-tab-applications').click();
    await page.getByTestId('application-chip-submitted').click();
    await page.getByTestId(`application-link-${applicationId}`).click();
    await page.waitForURL(`**/registry/applications/${applicationId}`);
    await expect.poll(() => statusOf(page)).toBe('submitted');
    // An officer cannot decide; a facility's buttons are not offered.
    expect(await page.getByTestId('application-approve').count()).toBe(0);
    expect(await page.getByTestId('application-withdraw').count()).toBe(0);

    // The officer opens the attached file from the dossier.
    const href = await page
      .getByTestId('dossier-doc-safety_assessment')
      .locator('a[data-testid^="dossier-file-"]')
      .getAttribute('href');
    const file = await page.request.get(new URL(href!, server.url).toString());
    expect(file.headers()['content-type']).toBe('application/pdf');
    expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await page.getByTestId('dossier-upload-safety_assessment').count()).toBe(0);

    await page.getByTestId('application-accept').click();
    await page.getByTestId('application-confirm').click();
    await expect.poll(() => statusOf(page)).toBe('in_appraisal');

    await page.getByTestId('application-appraise').click();
    const rows = page.locator('[data-testid^="checklist-ok-"]');
    await rows.first().waitFor();
    const count = await rows.count();
    expect(count).toBeGreaterThanOrEqual(5);
    for (let index = 0; index < count; index += 1) await rows.nth(index).check();
    await page.getByTestId('appraise-save').click();
    await expect.poll(() => statusOf(page)).toBe('awaiting_decision');
    await page.getByTestId('application-checklist').waitFor();
    expect(await page.getByTestId('application-approve').count()).toBe(0);
    await session.shoot(page, '23-application-appraised-vi');
  });

  it('a DOST leader approves; the licence is valid and the device no longer flagged', async () => {
    const page = await session.signIn('demo.leader');
    await session.openRegistry(page, 'applications');
    await page.getByTestId('application-chip-awaiting_decision').click();
    await page.getByTestId(`application-link-${applicationId}`).click();
    await page.waitForURL(`**/registry/applications/${applicationId}`);
    await expect.poll(() => statusOf(page)).toBe('awaiting_decision');

    await page.getByTestId('application-approve').click();
    await page.getByTestId('decide-valid-until').waitFor();
    await page.getByTestId('application-confirm').click();
    await expect.poll(() => statusOf(page)).toBe('approved');
    expect(await page.getByTestId('application-countdown').count()).toBe(0);
    await session.shoot(page, '24-application-approved-vi');

    // The licence issued: valid, covering the CT scanner.
    await page.getByTestId('application-licence-link').click();
    await page.waitForURL(/\/registry\/licences\/\d+$/);
    await expect
      .poll(() => page.getByTestId('licence-status').first().getAttribute('data-status'))
      .toBe('valid');
    const number = await page.getByTestId('page-title').innerText();
    expect(number).toMatch(/^GP-\d{4}-\d{4}$/);
    await page.getByTestId('licence-items').getByText('Máy chụp cắt lớp vi tính (CT)').waitFor();
    await session.shoot(page, '25-licence-vi');

    // Listed as valid among the licences.
    await page.getByTestId('breadcrumb-licences').click();
    const row = page.locator('[data-testid="licences-table"] .ant-table-row', { hasText: number });
    await row.waitFor();
    expect(await row.getByTestId('licence-status').getAttribute('data-status')).toBe('valid');

    // The device: licensed, no red flag any more, in its own page and in the register.
    await page.getByTestId('registry-tab-devices').click();
    await page.getByTestId('device-search').locator('input').fill(serial);
    await page.getByTestId('device-search').locator('input').press('Enter');
    const deviceRow = page.locator('[data-testid="devices-table"] .ant-table-row', { hasText: serial });
    await deviceRow.waitFor();
    expect(await deviceRow.getByTestId('device-flag-unlicensed').count()).toBe(0);
    await page.getByTestId(`device-link-${deviceId}`).click();
    await page.getByTestId('device-flag-licensed').waitFor();
    expect(await page.getByTestId('device-flag-unlicensed').count()).toBe(0);
    expect(await page.getByTestId('device-unlicensed-alert').count()).toBe(0);
    await page.getByTestId('device-licences').getByText(number).waitFor();
    await session.shoot(page, '26-device-licensed-vi');
  });

  it('on a phone: the registry, the application and the devices fit the screen', async () => {
    const page = await session.signIn('demo.facility', { width: 390, height: 844 });
    await session.openRegistry(page);
    await page.getByTestId('attention-returned').waitFor();
    await page.waitForLoadState('networkidle');
    await session.noOverflow(page);
    await session.shoot(page, '27-registry-phone-vi');

    await page.getByTestId('registry-tab-applications').click();
    await page.getByTestId(`application-link-${applicationId}`).click();
    await expect.poll(() => statusOf(page)).toBe('approved');
    await page.getByTestId('application-history').waitFor();
    await page.waitForLoadState('networkidle');
    await session.noOverflow(page);
    await session.shoot(page, '28-application-phone-vi');

    await session.openRegistry(page, 'devices');
    await page.locator('[data-testid="devices-table"] .ant-table-row').first().waitFor();
    await session.noOverflow(page);
    await session.shoot(page, '29-devices-phone-vi');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });
});
