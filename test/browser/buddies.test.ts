import type { Page } from 'playwright-core';
import consoleTexts from '../../locales/nl/console.json';
import { listByStatus } from '../../src/cases/caseRepository';
import { LICHT_ANSWERS, PASSWORD, TEAM, createConnector } from '../console/consoleClient';
import { BrowserSession, onPageErrors } from '../helpers/browser';
import { texts } from '../helpers/conversation';
import { startTestServer, type TestServer } from '../helpers/server';

jest.setTimeout(90_000);

const WAIT = { timeout: 15_000 };

/** A coordinator confirms a match in the console; the resident and the volunteer each see their introduction on their own chat page. */
describe('a buddy match in headless Chromium', () => {
  let server: TestServer;
  let chromium: BrowserSession;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ OFFICE_HOURS: 'ma-zo 00:00-24:00' });
    chromium = await BrowserSession.launch();
    await createConnector(server.app, 'cora', TEAM, PASSWORD, 'coordinator');
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  async function newPage(name: string): Promise<Page> {
    const context = await chromium.newContext();
    const page = await context.newPage();
    onPageErrors(page, name, (error) => errors.push(error));
    return page;
  }

  async function chatPage(name: string) {
    const page = await newPage(name);
    await page.goto(`${server.baseUrl}/`);
    const botSays = (text: string) => page.locator('.message--bot .message__text', { hasText: text }).last().waitFor(WAIT);
    const say = async (text: string) => {
      await page.fill('#input', text);
      await page.press('#input', 'Enter');
    };
    await botSays(texts.greeting.consentQuestion);
    return { page, botSays, say };
  }

  it('the coordinator marks the VOG seen, confirms the suggested buddy, and both chat pages show the introduction', async () => {
    // --- Ans signs up as a volunteer on the chat page ---
    const ans = await chatPage('volunteer');
    await ans.say('Ik wil iets doen voor de buurt');
    const v = texts.volunteer;
    for (const [question, answer] of [
      [v.name, 'Ans'],
      [v.talents, 'wandelen en een kopje koffie'],
      [v.days, 'doordeweeks'],
      [v.dayParts, 'maakt niet uit'],
      [v.area, '3022 B'],
      [v.languages, 'Nederlands'],
      [v.contact, 'Via deze chat'],
    ]) {
      await ans.botSays(question);
      await ans.say(answer);
    }
    await ans.page.getByRole('button', { name: 'Ja', exact: true }).last().click();
    await ans.botSays(v.saved);

    // --- a resident gives a light intake on another chat page ---
    const resident = await chatPage('resident');
    await resident.page.getByRole('button', { name: 'Ja', exact: true }).click();
    for (const [question, answer] of [
      [texts.intake.wil, LICHT_ANSWERS[0]],
      [texts.intake.kan, LICHT_ANSWERS[1]],
      [texts.intake.nodig, LICHT_ANSWERS[2]],
    ]) {
      await resident.botSays(question);
      await resident.say(answer);
    }
    await resident.page.getByRole('button', { name: 'Nee, verder niets' }).click();
    await resident.botSays(texts.intake.nextStepLight);

    // --- the coordinator logs in and sees the light case ---
    const desk = await newPage('console');
    await desk.goto(`${server.baseUrl}/console`);
    await desk.waitForURL(`${server.baseUrl}/console/login`);
    await desk.getByLabel(consoleTexts.login.username).fill('cora');
    await desk.getByLabel(consoleTexts.login.password).fill(PASSWORD);
    await desk.getByRole('button', { name: consoleTexts.login.submit }).click();
    await desk.waitForURL(`${server.baseUrl}/console`);
    await desk.locator('#light-title', { hasText: consoleTexts.light.title }).waitFor(WAIT);
    const row = desk.locator('#light-queue button[data-light-case]');
    await row.first().waitFor(WAIT);
    expect(await row.count()).toBe(1);
    expect(await row.first().textContent()).toContain('wandelen, gezelschap');

    // The case needs screening (gezelschap is help at home): Ans is shown, but not confirmable yet.
    await row.first().click();
    const suggestion = desk.locator('#light-panel .suggestion', { hasText: 'Ans' });
    await suggestion.waitFor(WAIT);
    expect(await suggestion.locator('.reasons').textContent()).toBe("wandelt graag · is graag gezelschap · woont 100 m verderop · kan maandag, dinsdag, woensdag, donderdag en vrijdag, 's ochtends, 's middags en 's avonds");
    expect(await suggestion.textContent()).toContain(consoleTexts.light.unscreened);
    expect(await suggestion.getByRole('button', { name: consoleTexts.light.confirm }).count()).toBe(0);

    // --- the VOG is recorded in the volunteers list; then the match is confirmed ---
    await desk.locator('#volunteer-list .volunteer', { hasText: 'Ans' }).getByRole('button', { name: consoleTexts.light.markScreened }).click();
    await desk.locator('#volunteer-list .volunteer', { hasText: consoleTexts.light.screened }).waitFor(WAIT);
    await row.first().click();
    await suggestion.getByRole('button', { name: consoleTexts.light.confirm }).waitFor(WAIT);
    await suggestion.getByRole('button', { name: consoleTexts.light.confirm }).click();
    await desk.locator('#alert', { hasText: consoleTexts.light.confirmed.replace('{name}', 'Ans') }).waitFor(WAIT);
    await desk.locator('#light-queue', { hasText: consoleTexts.light.empty }).waitFor(WAIT);

    // --- both chat pages show their introduction ---
    await resident.botSays('Er is een buddy voor je gevonden: Ans. Ans wandelt graag en is graag gezelschap.');
    await ans.botSays('Hallo Ans. De coördinator vraagt je als buddy voor iemand uit de buurt (3022).');
    for (const choice of texts.buddy.checkInChoices) await ans.page.getByRole('button', { name: choice, exact: true }).last().waitFor(WAIT);

    // --- Ans checks in with a tap; the coordinator's history shows it ---
    await ans.page.getByRole('button', { name: 'loopt goed', exact: true }).last().click();
    await ans.botSays(texts.buddy.checkInThanks.good);
    const value = (await listByStatus(server.app.stores.cases, ['open']))[0];
    expect(value.buddyHistory?.map((event) => event.type)).toEqual(['confirmed', 'check-in']);
    expect(errors).toEqual([]);
  });
});
