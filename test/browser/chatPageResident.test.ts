import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { BrowserSession, onPageErrors } from '../helpers/browser';
import { TEST_TEAM, texts } from '../helpers/conversation';
import { startTestServer, type TestServer } from '../helpers/server';

jest.setTimeout(90_000);

const w = texts.webchat;
const AXE_SOURCE = readFileSync(require.resolve('axe-core'), 'utf8');
const SIZES = [
  { name: 'phone', viewport: { width: 390, height: 844 } },
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
];
const amsterdamClock = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });

/** What the resident sees on the chat page: who writes, when, that the bot is busy, and a wipe only after asking. */
describe.each(SIZES)('the chat page for the resident ($name)', ({ viewport }) => {
  let server: TestServer;
  let chromium: BrowserSession;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    chromium = await BrowserSession.launch();
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });
  beforeEach(async () => {
    errors.length = 0;
    // A browser on the other side of the world: the times shown must still be Amsterdam's.
    const context = await chromium.newContext({ viewport, timezoneId: 'America/Los_Angeles', locale: 'nl-NL' });
    page = await context.newPage();
    onPageErrors(page, 'resident', (error) => errors.push(error));
    await page.goto(server.baseUrl + '/');
  });
  afterEach(async () => {
    await page.context().close();
    expect(errors).toEqual([]);
  });

  async function waitForBot(text: string) {
    await page.locator('.message .message__text', { hasText: text }).last().waitFor();
  }
  async function consentGiven() {
    await waitForBot(texts.greeting.consentQuestion);
    await page.getByRole('button', { name: 'Ja', exact: true }).click();
    await waitForBot(texts.intake.wil);
  }
  async function send(text: string) {
    await page.fill('#input', text);
    await page.press('#input', 'Enter');
  }
  /** axe-core in the page (evaluated, so the page's strict CSP stays on); every rule, every impact. */
  async function axeViolations(): Promise<string[]> {
    await page.evaluate(AXE_SOURCE);
    const result = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run());
    return result.violations.map((violation) => `${violation.impact} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  }
  /** The conversation this page's cookie names, and its case once the resident asked for a person. */
  async function caseOfPage() {
    const session = await page.evaluate(() => fetch('/chat/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).then((r) => r.json()));
    return (await server.app.stores.cases.findActiveByConversation('webchat-local', session.conversationId))!;
  }

  it('shows a wijkverbinder by first name and role in a bubble of their own, after saying who picked the case up', async () => {
    await consentGiven();
    await send('mens');
    await waitForBot(texts.handoff.keepWriting);
    const value = await caseOfPage();
    const anna = { id: `anna-${viewport.width}`, displayName: 'Anna de Vries', team: TEST_TEAM };
    expect(await server.app.handoff.claim(anna, value.id)).toEqual({ ok: true, value: undefined });
    await waitForBot(texts.handoff.pickedUp.replaceAll('{name}', 'Anna'));
    expect(await server.app.handoff.sendToResident(anna, value.id, 'Hoi, ik lees mee. Wanneer kan ik je bellen?')).toEqual({ ok: true, value: undefined });

    const fromAnna = page.locator('.message--connector');
    await fromAnna.waitFor();
    expect(await fromAnna.locator('.message__from').textContent()).toBe('Anna · wijkverbinder');
    // The words are Anna's own; the name is beside them, not in them, and the surname stays with the team.
    expect(await fromAnna.locator('.message__text').textContent()).toBe('Hoi, ik lees mee. Wanneer kan ik je bellen?');
    expect(await page.textContent('#messages')).not.toContain('de Vries');
    const [connectorLook, botLook] = await Promise.all(
      ['.message--connector', '.message--bot'].map((selector) => page.locator(selector).last().evaluate((el) => `${getComputedStyle(el).backgroundColor} ${getComputedStyle(el).borderStyle}`)),
    );
    expect(connectorLook).not.toBe(botLook);
    expect(await page.locator('.message--bot .message__from').first().textContent()).toBe(w.bot);
    expect(await axeViolations()).toEqual([]);
  });

  it('"Nieuw gesprek" asks first in the page\'s own dialog: Escape keeps everything, "Ja" by keyboard starts afresh', async () => {
    page.on('dialog', () => errors.push('window.confirm or alert was used'));
    await consentGiven();
    await send('ik zoek hulp bij mijn post');
    await waitForBot(texts.intake.kan);

    await page.getByRole('button', { name: w.newConversation }).click();
    const dialog = page.getByRole('dialog', { name: w.confirmNewTitle });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(w.confirmNewText);
    // The safe choice has focus; the modal dialog is checked by axe too.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('confirm-new-no');
    expect(await axeViolations()).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('new-conversation');
    expect(await page.textContent('#messages')).toContain('ik zoek hulp bij mijn post');

    // "Nee, ga terug" keeps it too.
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.getByRole('button', { name: w.confirmNewNo }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.textContent('#messages')).toContain('ik zoek hulp bij mijn post');

    // Keyboard only: open, Tab to "Ja", Enter.
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('confirm-new-yes');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await waitForBot(texts.intake.wil);
    expect(await page.textContent('#messages')).not.toContain('ik zoek hulp bij mijn post');
  });

  it('takes every text it shows, address and place included, from the locale file', async () => {
    await waitForBot(texts.greeting.consentQuestion);
    expect(await page.title()).toBe(w.pageTitle);
    expect(await page.textContent('h1')).toBe(w.title);
    expect(await page.getAttribute('#messages', 'aria-label')).toBe(w.messagesLabel);
    expect(await page.textContent('label[for="input"]')).toBe(w.inputLabel);
    // The HTML itself names no place and no team: nothing to change there for another neighbourhood.
    const html = await (await fetch(server.baseUrl + '/')).text();
    const script = await (await fetch(server.baseUrl + '/chat/chat.js')).text();
    const code = (source: string) => source.replace(/^\s*(\/\/|\/\*\*|\*).*$/gm, '');
    for (const source of [html, script].map(code)) {
      expect(source).not.toMatch(/Wijkteam|Bospolder|Tussendijken|google|Snel weg|Bericht/);
    }
  });

  it('is a polite live log with Amsterdam times, big tap targets and a visible focus ring, and passes axe', async () => {
    await consentGiven();
    expect(await page.getAttribute('#messages', 'role')).toBe('log');
    expect(await page.getAttribute('#messages', 'aria-live')).toBe('polite');

    const times = await page.locator('.message time').evaluateAll((nodes) => nodes.map((node) => ({ at: node.getAttribute('datetime')!, shown: node.textContent })));
    expect(times.length).toBeGreaterThanOrEqual(3);
    for (const time of times) expect(time.shown).toBe(amsterdamClock.format(new Date(time.at)));
    // The server's clock starts at 11:00 in Amsterdam (10:00 UTC), while this browser is in Los Angeles.
    expect(times[0].at.startsWith('2025-03-04T10:')).toBe(true);
    expect(times[0].shown!.startsWith('11:')).toBe(true);

    const small = await page.locator('button:visible').evaluateAll((buttons) =>
      buttons.map((button) => ({ name: button.textContent, box: button.getBoundingClientRect() })).filter(({ box }) => box.width < 44 || box.height < 44),
    );
    expect(small).toEqual([]);

    await page.focus('#input');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('send');
    expect(await page.$eval('#send', (el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    expect(await axeViolations()).toEqual([]);
  });

  it('shows that the bot is writing while a turn runs, and hides it when the answer is there or none comes', async () => {
    await consentGiven();
    // Recorded in the page itself, so a quick reply cannot slip past the test.
    await page.evaluate(() => {
      const typing = document.getElementById('typing')!;
      const seen: boolean[] = ((window as unknown as { typingSeen: boolean[] }).typingSeen = []);
      let shown = !typing.hidden;
      new MutationObserver(() => {
        if (!typing.hidden !== shown) seen.push((shown = !typing.hidden));
      }).observe(typing, { attributes: true, attributeFilter: ['hidden'] });
    });
    await send('ik zoek iemand om mee te wandelen');
    await waitForBot(texts.intake.kan);
    expect(await page.evaluate(() => (window as unknown as { typingSeen: boolean[] }).typingSeen)).toEqual([true, false]);
    expect(await page.isHidden('#typing')).toBe(true);

    // In handoff with a person holding the case, the bot says nothing: the indicator still goes away.
    await send('mens');
    await waitForBot(texts.handoff.keepWriting);
    const value = await caseOfPage();
    await server.app.handoff.claim({ id: `kees-${viewport.width}`, displayName: 'Kees', team: TEST_TEAM }, value.id);
    await waitForBot(texts.handoff.pickedUp.replaceAll('{name}', 'Kees'));
    const answered = page.waitForResponse((response) => response.url().endsWith('/chat/messages'));
    await send('Dank je, ik wacht');
    await answered;
    await page.waitForFunction(() => document.getElementById('typing')!.hidden);
  });
});
