import type { Locator, Page } from 'playwright-core';
import consoleTexts from '../../locales/nl/console.json';
import { PASSWORD, ZWAAR_ANSWERS, createConnector, send, zwaarIntake, type TestConnector } from '../console/consoleClient';
import { BrowserSession, onPageErrors } from '../helpers/browser';
import { texts } from '../helpers/conversation';
import { startTestServer, type TestServer } from '../helpers/server';

jest.setTimeout(90_000);

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=2</script>';

const WAIT_MS = 10_000;

/**
 * Everything that went wrong inside the pages: uncaught errors and console errors (CSP violations
 * show up there too). Errors a test causes on purpose are listed in `allowedErrors` and kept apart.
 */
const errors: string[] = [];
const allowedErrors: RegExp[] = [];
const allowedSeen: string[] = [];
function collectErrors(page: Page, name: string): void {
  onPageErrors(page, name, (error) => (allowedErrors.some((allowed) => allowed.test(error)) ? allowedSeen : errors).push(error));
}
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/**
 * Retries a look at the page until it holds, as Playwright's own expect does (playwright-core has
 * no expect): no fixed sleeps, and a failure says what was last seen.
 */
async function until<T>(look: () => Promise<T>, holds: (seen: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  let seen: T | undefined;
  for (;;) {
    // A broken script fails at once, with its error, instead of as a timeout further on.
    if (errors.length > 0) throw new Error(`error in the page while waiting (${what}):\n${errors.join('\n')}`);
    seen = await look();
    if (holds(seen)) return seen;
    if (Date.now() > deadline) throw new Error(`${what}; last seen: ${JSON.stringify(seen)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the elements' texts are exactly these (whitespace folded). */
function hasText(locator: Locator, expected: string | string[]): Promise<string[]> {
  const want = (Array.isArray(expected) ? expected : [expected]).map(squash);
  return until(
    async () => (await locator.allTextContents()).map(squash),
    (seen) => seen.length === want.length && seen.every((text, i) => text === want[i]),
    `expected ${locator} to have text ${JSON.stringify(want)}`,
  );
}

/** Waits until the element contains the text, or the elements contain these texts in this order. */
function containsText(locator: Locator, expected: string | string[]): Promise<string[]> {
  const want = (Array.isArray(expected) ? expected : [expected]).map(squash);
  return until(
    async () => (await locator.allTextContents()).map(squash),
    (seen) => {
      if (!Array.isArray(expected)) return seen.length > 0 && seen.some((text) => text.includes(want[0]));
      let at = 0;
      for (const text of seen) if (at < want.length && text.includes(want[at])) at++;
      return at === want.length;
    },
    `expected ${locator} to contain ${JSON.stringify(want)}`,
  );
}

/**
 * The whole handoff in headless Chromium: a resident on the chat page and a wijkverbinder in the
 * console, each in their own browser context (own cookies, own storage).
 */
describe('the wijkverbinder console in headless Chromium', () => {
  let server: TestServer;
  let chromium: BrowserSession;
  let anna: TestConnector;

  beforeAll(async () => {
    // Always open, so the bot's escalation reply does not depend on the hour the test runs.
    server = await startTestServer({ OFFICE_HOURS: 'ma-zo 00:00-24:00' });
    chromium = await BrowserSession.launch();
    anna = await createConnector(server.app, 'anna');
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  async function newPage(name: string): Promise<Page> {
    const context = await chromium.newContext();
    const page = await context.newPage();
    collectErrors(page, name);
    return page;
  }

  /** Opens the console without a session, lands on the login form and submits it. */
  async function submitLogin(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${server.baseUrl}/console`);
    await page.waitForURL(`${server.baseUrl}/console/login`);
    await page.getByLabel(consoleTexts.login.username).fill(username);
    await page.getByLabel(consoleTexts.login.password).fill(password);
    await page.getByRole('button', { name: consoleTexts.login.submit }).click();
  }
  async function logIn(page: Page, username: string): Promise<void> {
    await submitLogin(page, username, PASSWORD);
    await page.waitForURL(`${server.baseUrl}/console`);
  }

  it('sends no console page without a session, and shows a failed login in Dutch', async () => {
    for (const path of ['/console', '/console/console.js']) {
      const response = await send(`${server.baseUrl}${path}`, {});
      expect([response.status, response.headers.get('location')]).toEqual([303, '/console/login']);
    }
    const page = await newPage('login');
    const refused = /^login console\.error: .*status of 401 .*\/api\/console\/login$/;
    allowedErrors.push(refused);
    await submitLogin(page, 'anna', 'dit is niet het wachtwoord');
    await hasText(page.locator('#login-error'), consoleTexts.login.failed);
    expect(page.url()).toBe(`${server.baseUrl}/console/login`);
    await page.close();
    // Chromium reports the refused login; nothing else went wrong on the form.
    allowedErrors.pop();
    expect(allowedSeen.filter((error) => refused.test(error))).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('a heavy intake shows up live; claim, chat both ways, HTML stays text, close hands back to the bot', async () => {
    // --- the wijkverbinder logs in through the real form and sees an empty queue ---
    const desk = await newPage('console');
    await logIn(desk, 'anna');
    await hasText(desk.locator('#who'), consoleTexts.header.loggedInAs.replace('{name}', anna.displayName).replace('{team}', anna.team));
    await hasText(desk.locator('#queue'), consoleTexts.queue.empty);
    await hasText(desk.locator('#case'), consoleTexts.case.choose);
    await containsText(desk.locator('#online'), anna.displayName);

    // --- the resident does a heavy intake on the chat page ---
    const chat = await newPage('chat');
    await chat.goto(`${server.baseUrl}/`);
    const botSays = (text: string) => chat.locator('.message--bot .message__text', { hasText: text }).last();
    const residentSays = async (text: string) => {
      await chat.fill('#input', text);
      await chat.press('#input', 'Enter');
    };
    await botSays(texts.greeting.consentQuestion).waitFor();
    await chat.getByRole('button', { name: 'Ja', exact: true }).click();
    for (const [answer, question] of [
      [ZWAAR_ANSWERS[0], texts.intake.wil],
      [ZWAAR_ANSWERS[1], texts.intake.kan],
      [ZWAAR_ANSWERS[2], texts.intake.nodig],
    ]) {
      await botSays(question).waitFor();
      await residentSays(answer);
    }
    // Anna has the console open, so the bot says someone is online.
    await botSays(texts.handoff.someoneOnline).waitFor();
    await botSays(texts.handoff.keepWriting).waitFor();

    // --- the case appears in the console queue without a reload, with an alert ---
    // The page keeps no ids itself; its cookie names the conversation, as a reload would ask.
    const session = await chat.evaluate(() => fetch('/chat/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).then((r) => r.json()));
    const stored = await server.app.stores.cases.findActiveByConversation('webchat-local', session.conversationId);
    expect(stored).toMatchObject({ status: 'escalated', level: 'zwaar' });
    const caseId = stored!.id;
    const row = desk.locator(`#queue button[data-case-id="${caseId}"]`);
    await hasText(row.locator('.level'), consoleTexts.levels.zwaar);
    await containsText(row.locator('.domains'), 'financiën');
    await until(async () => squash(await row.locator('.waiting').textContent()), (text) => /^wacht \d+ min$/.test(text), 'the waiting time shows');
    await hasText(desk.locator('#alert'), consoleTexts.alerts.escalated);

    // --- open it: answers with the flags' evidence marked, the transcript, no claim yet ---
    await row.click();
    const view = desk.locator('#case');
    await hasText(view.locator('h2'), `${consoleTexts.levels.zwaar} — ${consoleTexts.statuses.escalated}`);
    const wil = view.locator('[data-answer="wil"]');
    await hasText(wil, ZWAAR_ANSWERS[0]);
    // Why it is zwaar, in Dutch, in one line; signals by their label from the rule file, never as codes, each once.
    await containsText(view.locator('[data-testid="why"]'), `${consoleTexts.levels.zwaar}: Deurwaarder of beslag (${consoleTexts.case.severities.severe})`);
    const flagLines = await view.locator('section li').allTextContents();
    expect(flagLines.join('\n')).not.toMatch(/bailiff_seizure|debts\b/);
    expect(flagLines.filter((line) => line.includes('Deurwaarder of beslag'))).toHaveLength(1);
    const evidence = stored!.flags.filter((flag) => flag.message === 0).map((flag) => flag.evidence);
    expect(evidence.length).toBeGreaterThan(0);
    await hasText(wil.locator('mark'), evidence.sort((a, b) => ZWAAR_ANSWERS[0].indexOf(a) - ZWAAR_ANSWERS[0].indexOf(b)));
    await hasText(view.locator('[data-answer="nodig"]'), ZWAAR_ANSWERS[2]);
    await containsText(view.locator('#transcript .from-resident'), [ZWAAR_ANSWERS[0], ZWAAR_ANSWERS[1], ZWAAR_ANSWERS[2]]);
    await view.locator('[data-testid="message-input"]').waitFor({ state: 'detached' });
    await until(() => row.getAttribute('class'), (value) => /\bactive\b/.test(value ?? ''), 'the open case is marked in the queue');

    // --- "Ik pak dit op" ---
    await view.getByRole('button', { name: consoleTexts.case.claim }).click();
    await hasText(view.locator('h2'), `${consoleTexts.levels.zwaar} — ${consoleTexts.statuses.claimed}`);
    await containsText(view.locator('p'), consoleTexts.case.claimedBy.replace('{name}', anna.displayName).replace('{duration}', '0 min'));
    await containsText(row, consoleTexts.queue.claimedBy.replace('{name}', anna.displayName));
    await view.getByRole('button', { name: consoleTexts.case.claim }).waitFor({ state: 'detached' });

    // --- the wijkverbinder writes; the resident sees it live on the chat page ---
    const hello = 'Hallo, ik ben Anna van het wijkteam. <b>Ik</b> help je.';
    await view.locator('[data-testid="message-input"]').fill(hello);
    await view.getByRole('button', { name: consoleTexts.case.send }).click();
    // In a bubble of its own, with Anna's first name and role beside her words.
    await botSays(texts.handoff.pickedUp.replaceAll('{name}', anna.displayName.split(' ')[0])).waitFor();
    const fromAnna = chat.locator('.message--connector', { hasText: 'Hallo, ik ben Anna van het wijkteam.' }).last();
    await hasText(fromAnna.locator('.message__text'), hello);
    await hasText(fromAnna.locator('.message__from'), texts.webchat.senderLabel.replace('{name}', anna.displayName.split(' ')[0]).replace('{role}', texts.handoff.connectorRole));
    await until(() => view.locator('[data-testid="message-input"]').inputValue(), (value) => value === '', 'the message box is emptied after sending');
    await containsText(view.locator('#transcript .line').last(), hello);

    // --- the resident answers; the wijkverbinder sees it live ---
    await residentSays('Dank je, fijn dat je er bent!');
    await hasText(view.locator('#transcript .from-resident .text').last(), 'Dank je, fijn dat je er bent!');

    // --- HTML and script from the resident stay text in the console, live and after a reload ---
    await residentSays(IMG);
    await hasText(view.locator('#transcript .from-resident .text').last(), IMG);
    await residentSays(SCRIPT);
    await hasText(view.locator('#transcript .from-resident .text').last(), SCRIPT);
    await desk.reload();
    await desk.locator(`#queue button[data-case-id="${caseId}"]`).click();
    await containsText(view.locator('#transcript .from-resident'), [IMG, SCRIPT]);
    // The stored transcript still knows who wrote what: the wijkverbinder's words are not the bot's.
    await hasText(view.locator('#transcript .from-connector .who').first(), consoleTexts.case.fromConnector);
    await hasText(view.locator('#transcript .from-connector .text').first(), hello);
    expect(await desk.locator('#case img, #case script, #queue img').count()).toBe(0);
    expect(await desk.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await chat.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // --- a private note stays in the console ---
    await view.locator('[data-testid="note-input"]').fill('PRIVE-NOTITIE bel eerst de schuldhulp');
    await view.getByRole('button', { name: consoleTexts.case.addNote }).click();
    await containsText(view.locator('[data-testid="notes"]'), 'PRIVE-NOTITIE bel eerst de schuldhulp');

    // --- close: no outcome is chosen beforehand, an empty choice is refused in Dutch, and a confirm step comes first ---
    expect(await view.locator('[data-testid="outcome"]').inputValue()).toBe('');
    await view.getByRole('button', { name: consoleTexts.case.close, exact: true }).click();
    await hasText(view.locator('[data-testid="close-error"]'), consoleTexts.case.outcomeMissing);
    await view.locator('[data-testid="outcome"]').selectOption('doorverwezen');
    await view.getByRole('button', { name: consoleTexts.case.close, exact: true }).click();
    await hasText(view.locator('[data-testid="close-error"]'), consoleTexts.case.detailMissing);
    await view.locator('[data-testid="outcome-detail"]').fill('Schuldhulp Rotterdam');
    await view.getByRole('button', { name: consoleTexts.case.close, exact: true }).click();
    await containsText(view.locator('[data-testid="close-confirm"]'), consoleTexts.case.closeAsk);
    // Changing one's mind keeps the choice, and nothing was closed.
    await view.getByRole('button', { name: consoleTexts.case.closeNo }).click();
    await view.locator('[data-testid="close-confirm"]').waitFor({ state: 'hidden' });
    expect(await view.locator('[data-testid="outcome"]').inputValue()).toBe('doorverwezen');
    expect((await server.app.stores.cases.get(caseId))?.status).toBe('claimed');
    await view.getByRole('button', { name: consoleTexts.case.close, exact: true }).click();
    await view.getByRole('button', { name: consoleTexts.case.closeYes }).click();
    const closing = await containsText(botSays('Schuldhulp Rotterdam'), texts.handoff.closed.doorverwezen.replace('{to}', 'Schuldhulp Rotterdam'));
    expect(closing[0]).toContain(texts.handoff.closed.writeAgain.replace('{days}', '14'));
    await hasText(view.locator('h2'), `${consoleTexts.levels.zwaar} — ${consoleTexts.statuses.closed}`);
    await desk.locator(`#queue button[data-case-id="${caseId}"]`).waitFor({ state: 'detached' });
    await hasText(desk.locator('#queue'), consoleTexts.queue.empty);
    await desk.locator('#alert').waitFor({ state: 'hidden' });
    await chat.locator('.message__text', { hasText: 'PRIVE-NOTITIE' }).waitFor({ state: 'detached' });
    // A closed case is forgotten on the resident's device (a shared phone): a reload starts afresh.
    await until(async () => (await chat.context().cookies()).some((cookie) => cookie.name === 'wv_chat'), (present) => !present, 'the chat cookie is gone');
    await chat.reload();
    await botSays(texts.greeting.consentQuestion).waitFor();
    expect(await chat.locator('#messages').textContent()).not.toContain('Schuldhulp Rotterdam');

    // --- logging out ends the session: the console is gone until the next login ---
    await desk.getByRole('button', { name: consoleTexts.header.logout }).click();
    await desk.waitForURL(`${server.baseUrl}/console/login`);
    await desk.goto(`${server.baseUrl}/console`);
    await desk.waitForURL(`${server.baseUrl}/console/login`);

    expect(errors).toEqual([]);
  });

  it('a link from a Teams card (/console#case=…) opens that case, also when the login comes first', async () => {
    const { caseId } = await zwaarIntake(server.app, server.baseUrl);
    const page = await newPage('card link');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.baseUrl}/console#case=${caseId}`);
    await page.waitForURL(`${server.baseUrl}/console/login#case=${caseId}`);
    await page.getByLabel(consoleTexts.login.username).fill('anna');
    await page.getByLabel(consoleTexts.login.password).fill(PASSWORD);
    await page.getByRole('button', { name: consoleTexts.login.submit }).click();
    await page.waitForURL(`${server.baseUrl}/console#case=${caseId}`);
    await containsText(page.getByTestId('why'), consoleTexts.levels.zwaar);
    await containsText(page.locator('#case'), ZWAAR_ANSWERS[0]);
    await page.screenshot({ path: '/tmp/shots-teams/console-from-card-link.png', fullPage: true });
    // Anything else after the # is not a case link: the page stays as it was.
    await page.goto(`${server.baseUrl}/console#case=<img src=x>`);
    await page.reload();
    await hasText(page.locator('#case p'), consoleTexts.case.choose);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('goes to the login form by itself when the session ends elsewhere (the live stream is refused)', async () => {
    const page = await newPage('ended');
    // Chromium reports the refused stream and the refused "who am I" that leads to the login form.
    const refused = /^ended console\.error: .*status of 401 .*\/api\/console\/(events|me)$/;
    allowedErrors.push(refused);
    await logIn(page, 'anna');
    // The queue has loaded (whatever earlier tests left in it): the live stream is open.
    await page.locator('#queue li').first().waitFor();
    // Logged out from another tab: the same cookie, the page's own CSRF token.
    const { csrfToken } = await page.evaluate(() => fetch('/api/console/me').then((response) => response.json()));
    const response = await page.context().request.post(`${server.baseUrl}/api/console/logout`, { headers: { 'X-CSRF-Token': csrfToken } });
    expect(response.status()).toBe(204);
    await page.waitForURL(`${server.baseUrl}/console/login`, { timeout: WAIT_MS });
    allowedErrors.pop();
    expect(allowedSeen.filter((error) => refused.test(error)).length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
