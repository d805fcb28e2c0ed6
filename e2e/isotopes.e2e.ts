import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { browserSession, type BrowserSession } from './support/session.js';

/**
 * River stable isotopes with the demo province: 13 river sampling points (VN33R01…R13) and two years of monthly
 * demo samples, two of them deliberate outliers (an evaporated backwater sample at VN33R12, a δ²H typed with the
 * decimal point one place off at VN33R09); a river mouth's dry-season sample may be flagged as well.
 */
describe('river stable isotopes: samples, analysis by river and a lab file import', () => {
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

  /** A sampling date ten days ago, as a lab writes it (dd/mm/yyyy, Vietnamese time). */
  function labDate(): string {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    }).formatToParts(new Date(Date.now() - 10 * 86_400_000));
    const part = (type: string) => parts.find((p) => p.type === type)!.value;
    return `${part('day')}/${part('month')}/${part('year')}`;
  }

  /** An element's text on one line, however the screen wraps it. */
  async function text(locator: Locator): Promise<string> {
    return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }

  async function openIsotopes(page: Page) {
    if ((page.viewportSize()?.width ?? 1440) < 768) await page.getByTestId('nav-toggle').click();
    await page.getByTestId('nav-isotopes').click();
    await page.waitForURL(/\/monitoring\/isotopes$/);
    await page.locator('[data-testid^="isotope-row-"]').first().waitFor();
  }

  it('lists the samples, opens the analysis of a river with an outlier, and imports a lab file', async () => {
    const page = await session.signIn('demo.dost');
    await openIsotopes(page);
    expect(await page.getByTestId('page-title').innerText()).toBe('Mẫu và kết quả');
    expect(await page.locator('[data-testid^="isotope-row-DEMO-"]').count()).toBeGreaterThan(0);
    await session.shoot(page, '60-isotope-samples-vi');

    // Only the flagged samples: the demo's outliers; the first one's river opens its analysis.
    await page.getByTestId('isotope-filter-flagged').click();
    await page.waitForURL(/flagged=1/);
    // Every row shown has flags (the list is the filtered one, not the first page of all samples).
    await expect
      .poll(async () => {
        const rows = await page.locator('[data-testid^="isotope-row-"]').count();
        const flagged = await page.locator('[data-testid="isotope-flags"]').count();
        return rows >= 2 && flagged === rows;
      })
      .toBe(true);
    const codes = await page.locator('[data-testid^="isotope-row-"]').allInnerTexts();
    expect(codes.every((code) => /^DEMO-R\d{2}-/.test(code))).toBe(true);
    await page.getByTestId('isotope-river-link').first().click();
    await page.waitForURL(/\/monitoring\/isotopes\/analysis\?river=/);

    // The δ²H–δ¹⁸O plot is drawn, with the GMWL and the river's own line, the outlier marked and listed.
    const scatter = page.getByTestId('isotope-scatter');
    await expect.poll(() => scatter.getAttribute('data-ready')).toBe('true');
    expect(Number(await scatter.getAttribute('data-samples'))).toBeGreaterThan(20);
    expect(Number(await scatter.getAttribute('data-outliers'))).toBeGreaterThanOrEqual(1);
    expect(await scatter.getAttribute('data-lines')).toBe('gmwl local');
    expect(await scatter.locator('canvas').count()).toBe(1);
    expect(await text(page.getByTestId('isotope-scatter-legend-gmwl'))).toMatch(
      /^GMWL \(Craig 1961\): δ²H = 8,00·δ¹⁸O \+ 10,0$/,
    );
    expect(await page.getByTestId('isotope-scatter-legend-outliers').innerText()).toMatch(/Mẫu bất thường/);
    expect(Number(await page.getByTestId('isotope-flagged-count').innerText())).toBeGreaterThanOrEqual(1);
    const outlierRows = page.getByTestId('isotope-outliers').locator('tbody tr.ant-table-row');
    expect(await outlierRows.count()).toBeGreaterThanOrEqual(1);
    expect(await outlierRows.first().innerText()).toMatch(/DEMO-R\d{2}-/);
    expect(await outlierRows.first().getByTestId('isotope-flags').getAttribute('data-flags')).toMatch(
      /d_excess_outlier|line_residual_outlier/,
    );
    // δ¹⁸O and d-excess over time, with the outlier ringed on the d-excess chart.
    await expect.poll(() => page.getByTestId('isotope-d18o-time').getAttribute('data-ready')).toBe('true');
    expect(
      Number(await page.getByTestId('isotope-dexcess-time').getAttribute('data-flagged')),
    ).toBeGreaterThan(0);
    expect(await page.getByTestId('isotope-dexcess-time-legend-reference').innerText()).toBe(
      'd của GMWL = 10 ‰',
    );
    await session.shoot(page, '61-isotope-analysis-vi');

    // A lab file with one good row and one bad row (δ¹⁸O is not a number): the dry run names the row and the column.
    await page.getByTestId('isotope-tab-samples').click();
    await page.getByTestId('isotope-open-import').click();
    await page.waitForURL(/\/monitoring\/isotopes\/import$/);
    const date = labDate();
    const csv = [
      'Mã điểm,Mã mẫu,Ngày lấy mẫu,δ18O,Sai số δ18O,δ2H,Sai số δ2H,Phòng thí nghiệm,Phương pháp',
      `VN33R05,E2E-R05-01,${date},"-8,42",0.1,-56.8,1,Phòng thí nghiệm thủy văn đồng vị,CRDS`,
      `VN33R06,E2E-R06-01,${date},-8.1x,0.1,-55.0,1,Phòng thí nghiệm thủy văn đồng vị,CRDS`,
    ].join('\r\n');
    await page.locator('input[type=file]').setInputFiles({
      name: 'ket-qua-dong-vi.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.getByTestId('isotope-import-report').waitFor();
    expect(await page.getByTestId('isotope-import-rows').innerText()).toBe('2');
    expect(await page.getByTestId('isotope-import-valid').innerText()).toBe('1');
    expect(await page.getByTestId('isotope-import-issue-count').innerText()).toBe('1');
    const issue = page.locator('[data-testid="isotope-import-issue"]');
    expect(await issue.count()).toBe(1);
    expect(await issue.getAttribute('data-row')).toBe('3');
    const issueText = await issue.innerText();
    expect(issueText).toMatch(/^3\b/);
    expect(issueText).toContain('δ18O');
    expect(issueText).toMatch(/cần một số/);
    await session.shoot(page, '62-isotope-import-dry-run-vi');

    await page.getByTestId('isotope-import-commit').click();
    await page.getByTestId('isotope-import-commit-ok').click();
    await page.getByTestId('isotope-import-done').waitFor();
    expect(await page.getByTestId('isotope-import-done').innerText()).toContain('ket-qua-dong-vi.csv');
    await session.shoot(page, '63-isotope-import-done-vi');

    // The new sample is in the list (the newest first); the bad row was not written.
    await page.getByTestId('isotope-import-open-list').click();
    await page.waitForURL(/\/monitoring\/isotopes$/);
    await page.getByTestId('isotope-row-E2E-R05-01').waitFor();
    await page.getByTestId('isotope-search').locator('input').fill('E2E-');
    await page.getByTestId('isotope-search').locator('input').press('Enter');
    await expect
      .poll(() => page.locator('[data-testid^="isotope-row-"]').allInnerTexts())
      .toEqual(['E2E-R05-01']);
    const row = page.locator('tr', { has: page.getByTestId('isotope-row-E2E-R05-01') });
    expect(await row.innerText()).toContain('-8,42');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });

  it('reads the samples and a river analysis on a phone, in both languages', async () => {
    const page = await session.signIn('demo.responder', { width: 390, height: 844 });
    await openIsotopes(page);
    // A reader: no import, no adding.
    expect(await page.getByTestId('isotope-open-import').count()).toBe(0);
    expect(await page.getByTestId('isotope-create').count()).toBe(0);
    await session.noOverflow(page);
    await session.shoot(page, '64-isotope-samples-phone-vi');

    await page.evaluate(() => localStorage.setItem('sievert.language', 'en'));
    await page.goto(`${server.url}/monitoring/isotopes/analysis?river=${encodeURIComponent('sông Hóa')}`);
    const scatter = page.getByTestId('isotope-scatter');
    await expect.poll(() => scatter.getAttribute('data-ready')).toBe('true');
    expect(await page.getByTestId('page-title').innerText()).toBe('Analysis by river');
    expect(Number(await scatter.getAttribute('data-outliers'))).toBeGreaterThanOrEqual(1);
    expect(await text(page.getByTestId('isotope-scatter-legend-local'))).toMatch(
      /^The river's line: δ²H = \d\.\d\d·δ¹⁸O [+−] \d+\.\d$/,
    );
    // The plot takes the phone's width (less the card's padding), not a fixed desktop size.
    const width = await scatter.evaluate((e) => e.querySelector('canvas')!.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(300);
    await session.noOverflow(page);
    await session.shoot(page, '65-isotope-analysis-phone-en');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });
});
