import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { followUpTexts, texts } from '../helpers/conversation';
import { startTestServer, type TestServer } from '../helpers/server';

jest.setTimeout(60_000);

describe('the local chat page in headless Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage();
    await page.goto(server.baseUrl + '/');
  });
  afterEach(() => page.close());

  const botMessages = () => page.locator('.message--bot .message__text');
  async function waitForBot(text: string) {
    await page.locator('.message--bot .message__text', { hasText: text }).last().waitFor();
  }
  /** Greeting, then "Ja" tapped: the page waits at the first intake question. */
  async function consentGiven() {
    await waitForBot(texts.greeting.consentQuestion);
    await page.getByRole('button', { name: 'Ja', exact: true }).click();
    await waitForBot(texts.intake.wil);
  }
  async function send(text: string) {
    await page.fill('#input', text);
    await page.press('#input', 'Enter');
  }

  it('runs the whole intake, shows HTML as text, and receives a later message without reload', async () => {
    await waitForBot(texts.greeting.consentQuestion);
    expect(await botMessages().first().textContent()).toBe(texts.greeting.intro);
    await page.getByRole('button', { name: 'Ja', exact: true }).click();
    await waitForBot(texts.intake.wil);

    const script = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';
    await send(script);
    await waitForBot(texts.intake.kan);
    expect(await page.locator('.message--user .message__text').last().textContent()).toBe(script);
    await send('ik kan goed <b>koken</b>');
    await waitForBot(texts.intake.nodig);
    await send('iemand om mee te praten');
    // The answers look light: one more question, answered by tapping "Nee, verder niets".
    await waitForBot(followUpTexts.question);
    await page.getByRole('button', { name: followUpTexts.done }).click();
    await waitForBot(texts.intake.keepWriting);
    const summary = await page.locator('.message--bot .message__text', { hasText: texts.intake.summaryIntro }).textContent();
    expect(summary).toContain(`"${script}"`);
    expect(summary).toContain('"ik kan goed <b>koken</b>"');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.messages script, .messages img, .messages b').count()).toBe(0);

    // A message the bot sends later on its own (as a wijkverbinder will) arrives live on the open page.
    // The page keeps no ids itself; its cookie names the conversation, as a reload would ask.
    const session = await page.evaluate(() => fetch('/chat/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).then((r) => r.json()));
    const stored = await server.app.stores.cases.findActiveByConversation('webchat-local', session.conversationId);
    expect(stored).toBeDefined();
    await server.app.proactive.sendText(stored!.conversationRef, 'Hallo, ik ben Fatima van het wijkteam. <i>Ik</i> lees je bericht.');
    await waitForBot('Hallo, ik ben Fatima van het wijkteam.');
    expect(await botMessages().last().textContent()).toBe('Hallo, ik ben Fatima van het wijkteam. <i>Ik</i> lees je bericht.');
  });

  it('"Snel weg" clears the screen, forgets the conversation on this device and leaves for a neutral site without a way back', async () => {
    await page.route('https://www.google.nl/**', (route) => route.fulfill({ contentType: 'text/html', body: '<p>neutraal</p>' }));
    await consentGiven();
    await send('mijn man mag dit niet lezen');
    await waitForBot(texts.intake.kan);
    const exit = page.getByRole('button', { name: texts.webchat.quickExitLabel });
    await expect(exit.isVisible()).resolves.toBe(true);
    await exit.click();
    await page.waitForURL(/google\.nl/);
    expect(await page.textContent('body')).toBe('neutraal');
    // Back on the chat page: a new conversation, nothing of the old one.
    await page.goto(server.baseUrl + '/');
    await waitForBot(texts.greeting.consentQuestion);
    expect(await page.textContent('#messages')).not.toContain('mijn man mag dit niet lezen');
    expect(await page.textContent('#messages')).not.toContain(texts.intake.kan);
  });

  it('answers a crisis in one calm message whose numbers are tap-to-call links', async () => {
    await consentGiven();
    await send('ik wil er niet meer zijn');
    await waitForBot(texts.crisis.intro);
    const reply = page.locator('.message--bot', { hasText: texts.crisis.intro });
    await expect(reply.count()).resolves.toBe(1);
    expect(await reply.locator('a[href="tel:113"]').count()).toBeGreaterThan(0);
    expect(await reply.locator('a[href="tel:0800-0113"]').count()).toBe(1);
    expect(await reply.locator('a[href="tel:112"]').count()).toBe(1);
    // "113.nl" is a website, not a number to call.
    expect(await reply.textContent()).toContain('113.nl');
  });

  it('after "verwijder mijn gegevens" → "ja" the page is empty but for the confirmation, and a reload shows nothing from before', async () => {
    await consentGiven();
    await send('mijn ex mag niet weten dat ik hier schrijf');
    await waitForBot(texts.intake.kan);
    await send('verwijder mijn gegevens');
    await waitForBot(texts.erasure.confirm);
    await page.getByRole('button', { name: 'Ja', exact: true }).click();
    await waitForBot(texts.erasure.done);
    expect(await page.locator('#messages .message').count()).toBe(1);
    expect(await page.textContent('#messages')).not.toContain('mijn ex');
    await page.reload();
    await waitForBot(texts.greeting.consentQuestion);
    expect(await page.textContent('#messages')).not.toContain('mijn ex');
    expect(await page.textContent('#messages')).not.toContain(texts.erasure.done);
  });

  it('stops the text box where the bot stops reading, with a counter near the limit', async () => {
    await waitForBot(texts.greeting.consentQuestion);
    expect(await page.getAttribute('#input', 'maxlength')).toBe('4000');
    await page.fill('#input', 'a'.repeat(100));
    expect(await page.textContent('#counter')).toBe('');
    await page.fill('#input', 'a'.repeat(3700));
    expect(await page.textContent('#counter')).toBe(texts.webchat.charactersLeft.replace('{left}', '300'));
  });

  it('keeps the conversation after a reload', async () => {
    await consentGiven();
    const before = await page.locator('.message').count();
    await page.reload();
    await waitForBot(texts.intake.wil);
    // Both sides come back: the resident's "Ja" as well as the bot's messages, each once.
    await page.locator('.message--user', { hasText: 'Ja' }).waitFor();
    expect(await page.locator('.message').count()).toBe(before);
    await send('hulp bij formulieren');
    await waitForBot(texts.intake.kan);
    expect(await page.locator('.message--user', { hasText: 'hulp bij formulieren' }).count()).toBe(1);
  });
});
