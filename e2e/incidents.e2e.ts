import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { raiseAlarm } from './support/api.js';
import { launchBrowser } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { browserSession, type BrowserSession } from './support/session.js';

/**
 * Issue 6, done-when: an officer opens an incident from an alarm and assigns a task; a responder in another
 * browser context sees it appear live and acknowledges it; the officer sees the acknowledgement.
 */
describe('incidents: a command board shared live between an officer and a responder', () => {
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

  it('opens an incident from an alarm, tasks the fire police, who acknowledge live', async () => {
    await raiseAlarm(server, 'VN33960');

    // The responder (fire and rescue police) watches the incident list: nothing of theirs yet.
    const responder = await session.signIn('demo.fire');
    await responder.goto(`${server.url}/incidents`);
    await responder.getByTestId('incident-new').waitFor();
    const responderRows = responder.locator('[data-testid^="incident-link-"]');
    expect(await responderRows.count()).toBe(0);

    const officer = await session.signIn('demo.dost');
    await officer.goto(`${server.url}/monitoring/alarms`);
    const open = officer.locator('[data-testid^="alarm-open-incident-"]').first();
    await open.waitFor({ timeout: 40_000 });
    await open.click();
    await officer.waitForURL(/\/incidents\/\d+$/);
    const incidentId = Number(officer.url().split('/').pop());
    await expect
      .poll(() => officer.getByTestId('incident-state').getAttribute('data-state'))
      .toBe('reported');
    expect(await officer.getByTestId('incident-title').innerText()).toContain('VN33960');
    await officer.getByTestId('timeline').waitFor();

    await officer.getByTestId('task-create').click();
    await officer.getByTestId('task-title').fill('Phong tỏa khu vực quanh trạm, đo suất liều');
    await session.choose(officer, 'task-organisation', 'PCCC');
    await officer.getByTestId('task-submit').click();
    const taskRow = officer.locator('[data-testid^="task-row-"]').first();
    await taskRow.waitFor();
    const taskId = (await taskRow.getAttribute('data-testid'))!.replace('task-row-', '');
    await session.shoot(officer, '80-incident-board-officer-vi');

    // Live, without a reload: the responder's list shows the incident they are now tasked on.
    await expect.poll(() => responderRows.count(), { timeout: 20_000 }).toBe(1);
    await session.shoot(responder, '81-incident-list-responder-vi');
    await responder.getByTestId(`incident-link-${incidentId}`).click();
    await responder.waitForURL(`**/incidents/${incidentId}`);
    await responder.getByTestId(`task-ack-${taskId}`).click();
    await expect
      .poll(() => responder.getByTestId(`task-row-${taskId}`).getAttribute('data-status'))
      .toBe('acknowledged');
    await session.shoot(responder, '82-incident-task-acknowledged-responder-vi');

    // The officer sees the acknowledgement live.
    await expect
      .poll(() => officer.getByTestId(`task-row-${taskId}`).getAttribute('data-status'), {
        timeout: 20_000,
      })
      .toBe('acknowledged');
    await expect.poll(() => officer.getByTestId(`task-acknowledged-${taskId}`).innerText()).toContain('PCCC');
    await session.shoot(officer, '83-incident-board-acknowledged-vi');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });

  it('a hospital reports a contamination on a tablet; it sees only its own incidents', async () => {
    const tablet = { width: 820, height: 1180 };
    const page = await session.signIn('demo.facility', tablet);
    await page.goto(`${server.url}/incidents/new`);
    await page.getByTestId('incident-report-form').waitFor();
    await session.choose(page, 'incident-kind', 'Nhiễm bẩn');
    await page.getByTestId('incident-title-input').fill('Tràn đổ dung dịch Tc-99m tại phòng tiêm');
    await page
      .getByTestId('incident-description')
      .fill('Lọ 2 GBq bị vỡ khi chuẩn bị liều; đã khoanh vùng, chờ đo nhiễm bẩn bề mặt.');
    const map = page.getByTestId('incident-location-map');
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await expect.poll(() => page.getByTestId('incident-lat').inputValue()).toMatch(/\d/);
    await session.noOverflow(page);
    await session.shoot(page, '84-incident-report-tablet-vi');
    await page.getByTestId('incident-submit').click();
    await page.waitForURL(/\/incidents\/\d+$/);
    await expect.poll(() => page.getByTestId('incident-state').getAttribute('data-state')).toBe('reported');
    await session.noOverflow(page);
    await session.shoot(page, '85-incident-board-facility-tablet-vi');

    // The list shows the hospital's own report and not the incident opened from the alarm.
    await page.goto(`${server.url}/incidents`);
    await page.getByTestId('incidents-table').waitFor();
    await expect.poll(() => page.locator('[data-testid^="incident-link-"]').count()).toBe(1);
    expect(await page.getByTestId('incidents-table').innerText()).toContain('Tc-99m');
    expect(session.unexpectedConsoleErrors()).toEqual([]);
  });
});
