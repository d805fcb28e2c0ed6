import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { browserSession, type BrowserSession } from './support/session.js';

/** A facilities sheet as the province keeps it today (CSV with Vietnamese headers). */
function facilitiesCsv(rows: string[][]): Buffer {
  const header = ['Tên cơ sở', 'Loại cơ sở', 'Mã xã', 'Vĩ độ', 'Kinh độ', 'Địa chỉ'];
  return Buffer.from([header, ...rows].map((r) => r.join(',')).join('\r\n'), 'utf8');
}

describe('registry tools: yearly inventory, spreadsheet import, unsealed sources', () => {
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

  it('the Department opens the yearly inventory', async () => {
    const page = await session.signIn('demo.dost');
    await session.openRegistry(page, 'inventory');
    await page.getByTestId('inventory-open').first().click();
    await page.getByTestId('inventory-open-ok').click();
    await page.getByTestId('inventory-campaign').waitFor();
    expect(await page.getByTestId('inventory-campaign').getAttribute('data-status')).toBe('open');
    await session.shoot(page, '30-inventory-opened-vi');
  });

  it('a hospital confirms its list: its check source is missing, which becomes a finding', async () => {
    const page = await session.signIn('demo.facility');
    await session.openRegistry(page, 'inventory');
    // A facility lands on its own list.
    await page.getByTestId('inventory-facility').waitFor();
    const row = page.getByTestId('inventory-row').first();
    const sourceId = await row.getAttribute('data-source-id');
    await page.getByTestId(`inventory-present-${sourceId}`).uncheck();
    await page.getByTestId(`inventory-note-${sourceId}`).fill('Không thấy trong tủ chì khoa Y học hạt nhân');
    await session.shoot(page, '31-inventory-facility-checklist-vi');
    await page.getByTestId('inventory-confirm').click();
    await page.getByTestId('inventory-confirm-ok').click();
    await page.getByTestId('inventory-confirmed').waitFor();
    await expect
      .poll(() => page.locator('[data-testid="inventory-finding"][data-status="open"]').count())
      .toBe(1);
    await session.shoot(page, '32-inventory-facility-confirmed-vi');
  });

  it('the Department resolves the finding with what was done', async () => {
    const page = await session.signIn('demo.dost');
    await session.openRegistry(page, 'inventory');
    const finding = page.locator('[data-testid="inventory-finding"][data-status="open"]').first();
    await finding.waitFor();
    const id = await finding.getAttribute('data-finding-id');
    await page.getByTestId(`inventory-finding-resolve-${id}`).click();
    await page
      .getByTestId('inventory-resolve-text')
      .fill('Nguồn được tìm thấy trong kho phụ; cơ sở đã cập nhật vị trí lưu giữ.');
    await page.getByTestId('inventory-resolve-ok').click();
    await expect
      .poll(() => page.locator('[data-testid="inventory-finding"][data-status="open"]').count())
      .toBe(0);
    await session.shoot(page, '33-inventory-resolved-vi');
  });

  it('imports facilities from a sheet: the dry run lists each problem; a clean sheet is written', async () => {
    const page = await session.signIn('demo.dost');
    await session.openRegistry(page, 'import');
    await page.getByTestId('import-kind-facilities').click();
    await page.locator('input[type=file]').setInputFiles({
      name: 'co-so-loi.csv',
      mimeType: 'text/csv',
      buffer: facilitiesCsv([
        ['Phòng khám Nha khoa Minh họa', 'Phòng khám', '99999', '20.65', '106.05', ''],
        ['', 'Bệnh viện', '', 'abc', '106.05', ''],
      ]),
    });
    await page.getByTestId('import-report').waitFor();
    expect(Number(await page.getByTestId('import-report').getAttribute('data-issues'))).toBeGreaterThan(2);
    expect(await page.getByTestId('import-commit').count()).toBe(0);
    // The problems are said in Vietnamese, by row and column.
    expect(await page.getByTestId('import-issues').innerText()).toMatch(/Mã xã/);
    await session.shoot(page, '34-import-dry-run-vi');

    const commune = await page.evaluate(async () => {
      const res = await fetch('/api/v1/geo/communes');
      const body = (await res.json()) as { code: string }[] | { items: { code: string }[] };
      return (Array.isArray(body) ? body : body.items)[0]!.code;
    });
    await page.locator('input[type=file]').setInputFiles({
      name: 'co-so.csv',
      mimeType: 'text/csv',
      buffer: facilitiesCsv([
        ['Phòng khám Nha khoa Minh họa E2E', 'Phòng khám', commune, '20.65', '106.05', 'Số 1 đường Minh họa'],
      ]),
    });
    await page.getByTestId('import-ready').waitFor();
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-commit-ok').click();
    await page.getByTestId('import-done').waitFor();
    await session.shoot(page, '35-import-done-vi');
  });

  it('shows the unsealed nuclides page and the inventory on a phone', async () => {
    const page = await session.signIn('demo.facility', { width: 390, height: 844 });
    await session.openRegistry(page, 'unsealed');
    await page.getByTestId('page-title').waitFor();
    await session.noOverflow(page);
    await session.shoot(page, '36-unsealed-phone-vi');
    await session.openRegistry(page, 'inventory');
    await page.getByTestId('inventory-facility').waitFor();
    await session.noOverflow(page);
    await session.shoot(page, '37-inventory-phone-vi');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });
});
