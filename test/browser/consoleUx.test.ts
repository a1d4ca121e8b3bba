import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import consoleTexts from '../../locales/nl/console.json';
import type { IntakeCase } from '../../src/cases/case';
import { ConsoleClient, createConnector, TEAM, zwaarIntake, type TestConnector } from '../console/consoleClient';
import { BrowserSession } from '../helpers/browser';
import { OPEN_TUESDAY } from '../helpers/clock';
import { startTestServer, type TestServer } from '../helpers/server';
import { intakeCase, message } from '../storage/fixtures';

jest.setTimeout(120_000);

const WAIT_MS = 10_000;
const SHOTS = '/tmp/shots-console';
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Retries a look until it holds (playwright-core has no expect); a failure says what was last seen. */
async function until<T>(look: () => Promise<T>, holds: (seen: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const seen = await look();
    if (holds(seen)) return seen;
    if (Date.now() > deadline) throw new Error(`${what}; last seen: ${JSON.stringify(seen)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const textOf = async (locator: Locator) => squash(await locator.textContent());
const textIs = (locator: Locator, want: string | RegExp) =>
  until(() => textOf(locator), (seen) => (typeof want === 'string' ? seen === want : want.test(seen)), `expected ${locator} to be ${want}`);

/** Stands in for the browser's Notification API: records permission requests and notifications shown. */
function fakeNotifications(): void {
  const record = window as unknown as { asked: number; shown: Array<{ title: string; body?: string }> };
  record.asked = 0;
  record.shown = [];
  class FakeNotification {
    static permission = 'default';
    static requestPermission() {
      record.asked++;
      FakeNotification.permission = 'granted';
      return Promise.resolve('granted');
    }
    constructor(title: string, options?: { body?: string }) {
      record.shown.push({ title, body: options?.body });
    }
  }
  Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true, writable: true });
}

/**
 * Runs axe-core in the page; no WCAG violation of any impact is accepted. The page's CSP refuses an
 * added script tag (as it should), so the source goes in through the DevTools protocol, which CSP does not govern.
 */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(readFileSync(require.resolve('axe-core'), 'utf8'));
  const result = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run());
  return result.violations.map((violation) => `${violation.impact} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

/** Items 14–18 of issue 12 as a wijkverbinder sees them, at desktop and at phone size. */
describe.each(VIEWPORTS)('the console at $name size', (viewport) => {
  let server: TestServer;
  let chromium: BrowserSession;
  let anna: TestConnector;
  const errors: string[] = [];
  const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${viewport.name}-${name}.png`, fullPage: true });

  beforeAll(async () => {
    server = await startTestServer({ OFFICE_HOURS: 'ma-zo 00:00-24:00' });
    chromium = await BrowserSession.launch();
    anna = await createConnector(server.app, 'anna');
    await createConnector(server.app, 'bram');
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  /** A page in its own context, in a time zone far from Amsterdam: what it shows must not depend on the machine's zone. */
  async function newPage(): Promise<Page> {
    const context = await chromium.newContext({ viewport, timezoneId: 'America/Los_Angeles', locale: 'en-US' });
    await context.addInitScript(fakeNotifications);
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    return page;
  }
  async function logIn(page: Page, username: string): Promise<void> {
    await page.goto(`${server.baseUrl}/console/login`);
    await page.getByLabel(consoleTexts.login.username).fill(username);
    await page.getByLabel(consoleTexts.login.password).fill('correct horse battery staple');
    await page.getByRole('button', { name: consoleTexts.login.submit }).click();
    await page.waitForURL(`${server.baseUrl}/console`);
    await page.locator('#queue li').first().waitFor();
  }
  async function saveCase(overrides: Partial<IntakeCase>): Promise<IntakeCase> {
    const id = randomUUID();
    const value = intakeCase({ id, channel: 'webchat-local', userId: `u-${id}`, conversationId: `c-${id}`, team: TEAM, ...overrides });
    await server.app.stores.cases.save(value);
    return value;
  }

  it('the login page passes axe', async () => {
    const page = await newPage();
    await page.goto(`${server.baseUrl}/console/login`);
    await page.getByLabel(consoleTexts.login.username).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'login');
  });

  it('14: times in Amsterdam time, resident code and channel, waiting until claimed and then time since the claim', async () => {
    // Escalated 12 minutes before the server's clock starts (11:00 on a Tuesday in Amsterdam).
    const escalatedAt = new Date(Date.parse(OPEN_TUESDAY) - 12 * 60_000).toISOString();
    const value = await saveCase({ status: 'escalated', level: 'zwaar', escalatedAt, createdAt: '2025-03-01T09:00:00.000Z', updatedAt: escalatedAt });
    const log = (text: string, at: string, fromBot = false) =>
      server.app.stores.transcripts.logActivity(message({ channelId: 'webchat-local', conversationId: value.conversationId, userId: `u-${value.id}`, text, at, fromBot }));
    await log('Ik begon zaterdag al', '2025-03-01T09:00:00.000Z');
    await log('En vandaag weer', escalatedAt);

    const page = await newPage();
    await logIn(page, 'anna');
    const queue = (await (await ConsoleClient.login(server.baseUrl, 'bram')).get('/api/console/queue')).json.cases;
    const code = queue.find((item: { caseId: string }) => item.caseId === value.id).pseudonym;
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}$/);
    const row = page.locator(`#queue button[data-case-id="${value.id}"]`);
    await textIs(row.locator('.resident'), `Bewoner ${code} · Webchat`);
    const waiting = await textIs(row.locator('.waiting'), /^wacht \d+ min$/);
    expect(Number(/\d+/.exec(waiting)![0])).toBeGreaterThanOrEqual(12);
    await textIs(row.locator('.last-message'), /^laatste bericht \d+ min geleden$/);

    await row.click();
    const view = page.locator('#case');
    await textIs(view.locator('[data-testid="case-meta"]'), new RegExp(`^Bewoner ${code} · Webchat · Laatste bericht van de bewoner: (1[2-9]|[2-9]\\d) min geleden$`));
    // 09:48 UTC is 10:48 in Amsterdam (the browser itself is in Los Angeles), today for the server; Saturday's line carries its date.
    await until(() => page.locator('#transcript .at').allTextContents(), (seen) => seen.length === 2, 'two timed lines');
    const times = (await page.locator('#transcript .at').allTextContents()).map(squash);
    expect(times[1]).toBe('10:48');
    expect(times[0]).toMatch(/^1 mrt\.?,? 10:00$/);
    await shot(page, 'case-waiting');

    await view.getByRole('button', { name: consoleTexts.case.claim }).click();
    await textIs(row.locator('.waiting'), /^opgepakt \d+ min geleden$/);
    expect(await textOf(row)).not.toContain('wacht');
    await shot(page, 'case-claimed');
    expect(errors).toEqual([]);
  });

  it('15: a crisis is red, has its own title, stays until seen; notifications only after a click, with level and code only', async () => {
    const page = await newPage();
    await logIn(page, 'anna');
    const record = () =>
      page.evaluate(() => {
        const seen = window as unknown as { asked: number; shown: Array<{ title: string; body?: string }> };
        return { asked: seen.asked, shown: seen.shown };
      });
    // Offered at login, asked only on the click.
    await page.getByRole('button', { name: consoleTexts.header.notificationsOn }).waitFor();
    expect((await record()).asked).toBe(0);
    await page.getByRole('button', { name: consoleTexts.header.notificationsOn }).click();
    await until(record, (seen) => seen.asked === 1, 'permission asked once');
    await page.getByRole('button', { name: consoleTexts.header.notificationsOn }).waitFor({ state: 'hidden' });

    const crisis = await saveCase({ status: 'escalated', level: 'crisis', urgent: true, answers: { wil: 'GEHEIM ik wil niet meer leven' } });
    await server.app.handoff.escalate(crisis.id);
    const banner = page.locator(`#crisis .crisis-alert[data-case-id="${crisis.id}"]`);
    await textIs(banner.locator('.crisis-title'), consoleTexts.alerts.crisisTitle);
    expect(await banner.evaluate((node) => getComputedStyle(node).backgroundColor)).toBe('rgb(176, 0, 32)');
    const shown = await until(record, (seen) => seen.shown.length === 1, 'one notification');
    const code = /Bewoner ([0-9A-Z]{5})/.exec(await textOf(banner))![1];
    expect(shown.shown[0]).toEqual({ title: consoleTexts.alerts.crisisTitle, body: `Crisis — Bewoner ${code}` });
    expect(JSON.stringify(shown)).not.toContain('GEHEIM');
    await shot(page, 'crisis');

    // An ordinary alert and a successful action do not push the crisis away.
    const ordinary = await saveCase({ status: 'escalated', level: 'zwaar' });
    await server.app.handoff.escalate(ordinary.id);
    await textIs(page.locator('#alert'), consoleTexts.alerts.escalated);
    expect(await page.locator('#alert').evaluate((node) => getComputedStyle(node).backgroundColor)).not.toBe('rgb(176, 0, 32)');
    await banner.getByRole('button', { name: consoleTexts.alerts.open }).click();
    await page.locator('#case').getByRole('button', { name: consoleTexts.case.claim }).click();
    await textIs(page.locator(`#queue button[data-case-id="${crisis.id}"] .waiting`), /^opgepakt/);
    expect(await banner.isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await banner.getByRole('button', { name: consoleTexts.alerts.acknowledge }).click();
    await page.locator('#crisis').waitFor({ state: 'hidden' });
    await until(() => server.app.stores.console.listAudit({ caseId: crisis.id }), (rows) => rows.some((row) => row.action === 'acknowledge' && row.connectorId === anna.id), 'the acknowledgement is audited');
    expect(errors).toEqual([]);
  });

  it('15: a crisis that began before the login raises the same alert at login; a new escalation shows in the history at once', async () => {
    const crisis = await saveCase({ status: 'escalated', level: 'crisis', urgent: true });
    await server.app.handoff.escalate(crisis.id);
    const page = await newPage();
    await logIn(page, 'bram');
    const banner = page.locator(`#crisis .crisis-alert[data-case-id="${crisis.id}"]`);
    await textIs(banner.locator('.crisis-title'), consoleTexts.alerts.crisisTitle);

    const later = await saveCase({ status: 'escalated', level: 'zwaar' });
    await server.app.handoff.escalate(later.id);
    await page.locator(`#history li[data-case-id="${later.id}"]`).waitFor();

    // Taken, the crisis no longer alarms whoever logs in next.
    await banner.getByRole('button', { name: consoleTexts.alerts.open }).click();
    await page.locator('#case').getByRole('button', { name: consoleTexts.case.claim }).click();
    await textIs(page.locator(`#queue button[data-case-id="${crisis.id}"] .waiting`), /^opgepakt/);
    const next = await newPage();
    await logIn(next, 'anna');
    await next.locator(`#queue button[data-case-id="${crisis.id}"]`).waitFor();
    expect(await next.locator('#crisis').isVisible()).toBe(false);
    expect(errors).toEqual([]);
  });

  it('an answer for the history that comes in late does not replace a newer one', async () => {
    const page = await newPage();
    // The first history answer (at login) is fetched, then held back until a newer answer has been shown.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held: import('playwright-core').Request | undefined;
    const heldFetched = new Promise<void>((resolve) => {
      void page.route('**/api/console/history*', async (route) => {
        if (held) return route.continue();
        held = route.request();
        const response = await route.fetch();
        resolve();
        await released;
        await route.fulfill({ response });
      });
    });
    await logIn(page, 'anna');
    await heldFetched;
    const later = await saveCase({ status: 'escalated', level: 'zwaar' });
    await server.app.handoff.escalate(later.id);
    const row = page.locator(`#history li[data-case-id="${later.id}"]`);
    await row.waitFor();

    const staleDone = page.waitForEvent('requestfinished', (request) => request === held);
    release();
    await staleDone;
    // Let the page's code run on the late answer (the body is in: these are the tasks that read it).
    for (let i = 0; i < 3; i++) await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(await row.count()).toBe(1);
  });

  it('a crisis that comes in after the login\'s first load but before the live stream stands still raises its alert', async () => {
    const page = await newPage();
    // The live stream is held back at the network until the crisis has been escalated.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/console/events', async (route) => {
      await released;
      await route.continue();
    });
    const firstLoad = page.waitForResponse((response) => response.url().includes('/api/console/queue'));
    await logIn(page, 'anna');
    await firstLoad;
    const crisis = await saveCase({ status: 'escalated', level: 'crisis', urgent: true });
    await server.app.handoff.escalate(crisis.id);
    release();
    await textIs(page.locator(`#crisis .crisis-alert[data-case-id="${crisis.id}"] .crisis-title`), consoleTexts.alerts.crisisTitle);
    await page.locator(`#queue button[data-case-id="${crisis.id}"]`).waitFor();
    expect(errors).toEqual([]);
  });

  it('a message that did not reach the resident is a warning on the case, with its time in Amsterdam', async () => {
    const value = await saveCase({ status: 'escalated', level: 'zwaar', channel: 'whatsapp', deliveryFailure: { at: '2025-03-04T10:07:00.000Z', reason: '400/131026' } });
    const page = await newPage();
    await logIn(page, 'anna');
    await page.locator(`#queue button[data-case-id="${value.id}"]`).click();
    const warning = page.locator('#case [data-testid="delivery-failed"]');
    await textIs(warning, consoleTexts.case.deliveryFailed.replace('{time}', '4 mrt, 11:07'));
    expect(await warning.getAttribute('role')).toBe('alert');
    await shot(page, 'delivery-failed');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('16: closing needs a chosen outcome and a confirmation', async () => {
    const value = await saveCase({ status: 'escalated', level: 'licht', escalatedAt: OPEN_TUESDAY });
    const page = await newPage();
    await logIn(page, 'anna');
    await page.locator(`#queue button[data-case-id="${value.id}"]`).click();
    const view = page.locator('#case');
    await view.getByRole('button', { name: consoleTexts.case.claim }).click();
    const close = view.getByRole('button', { name: consoleTexts.case.close, exact: true });
    await close.click();
    await textIs(view.locator('[data-testid="close-error"]'), consoleTexts.case.outcomeMissing);
    expect(await view.locator('[data-testid="outcome"]').getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'close-missing');
    await view.getByLabel(consoleTexts.case.outcome).selectOption('afgerond');
    await close.click();
    await textIs(view.locator('[data-testid="close-confirm"] p'), consoleTexts.case.closeAsk);
    await shot(page, 'close-confirm');
    expect((await server.app.stores.cases.get(value.id))?.status).toBe('claimed');
    await view.getByRole('button', { name: consoleTexts.case.closeYes }).click();
    await textIs(view.locator('h2'), `${consoleTexts.levels.licht} — ${consoleTexts.statuses.closed}`);
    expect(await server.app.stores.cases.get(value.id)).toMatchObject({ status: 'closed', outcome: 'afgerond' });
    expect(errors).toEqual([]);
  });

  it('17: a closed case is found back by resident code and date, and opens read-only', async () => {
    const closedAt = '2025-02-20T13:00:00.000Z';
    const value = await saveCase({ status: 'closed', level: 'zwaar', claimedBy: anna.id, outcome: 'afgerond', closedAt, createdAt: closedAt, updatedAt: closedAt });
    const page = await newPage();
    await logIn(page, 'anna');
    const historyRows = page.locator('#history li[data-case-id]');
    await page.locator(`#history li[data-case-id="${value.id}"]`).waitFor();
    const code = /Bewoner ([0-9A-Z]{5})/.exec(await textOf(page.locator(`#history li[data-case-id="${value.id}"]`)))![1];

    await page.getByLabel(consoleTexts.history.search).fill(`bewoner ${code.toLowerCase()}`);
    await page.getByLabel(consoleTexts.history.mine).check();
    await page.getByRole('button', { name: consoleTexts.history.submit }).click();
    await until(() => historyRows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-case-id'))), (ids) => ids.length === 1 && ids[0] === value.id, 'only the searched case');
    await page.getByLabel(consoleTexts.history.from).fill('2025-02-21');
    await page.getByRole('button', { name: consoleTexts.history.submit }).click();
    await textIs(page.locator('#history'), consoleTexts.history.empty);
    await page.getByLabel(consoleTexts.history.from).fill('2025-02-20');
    await page.getByLabel(consoleTexts.history.to).fill('2025-02-20');
    await page.getByRole('button', { name: consoleTexts.history.submit }).click();
    await page.locator(`#history li[data-case-id="${value.id}"]`).waitFor();
    await shot(page, 'history');

    await page.locator(`#history button[data-case-id="${value.id}"]`).click();
    const view = page.locator('#case');
    await textIs(view.locator('[data-testid="read-only"]'), consoleTexts.case.readOnly);
    expect(await view.locator('[data-testid="note-input"], [data-testid="message-input"], [data-testid="close"], button:has-text("Ik pak dit op")').count()).toBe(0);
    await shot(page, 'history-case');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('18: after an erasure the case vanishes from every open console, the open view with a clear message', async () => {
    const { resident, caseId } = await zwaarIntake(server.app, server.baseUrl);
    const [annaPage, bramPage] = [await newPage(), await newPage()];
    await logIn(annaPage, 'anna');
    await logIn(bramPage, 'bram');
    await annaPage.locator(`#queue button[data-case-id="${caseId}"]`).click();
    await textIs(annaPage.locator('#case h2'), `${consoleTexts.levels.zwaar} — ${consoleTexts.statuses.escalated}`);
    await bramPage.locator(`#queue button[data-case-id="${caseId}"]`).waitFor();

    await resident.say('verwijder mijn gegevens');
    await resident.say('ja');
    await textIs(annaPage.locator('[data-testid="case-notice"]'), consoleTexts.errors['not-found']);
    expect(consoleTexts.errors['not-found']).toBe('Deze melding bestaat niet meer (gegevens zijn gewist).');
    for (const page of [annaPage, bramPage]) {
      await page.locator(`#queue [data-case-id="${caseId}"]`).waitFor({ state: 'detached' });
      await page.locator(`#history [data-case-id="${caseId}"]`).waitFor({ state: 'detached' });
    }
    await shot(annaPage, 'erased');
    expect(errors).toEqual([]);
  });
});
