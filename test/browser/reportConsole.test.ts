import type { Page } from 'playwright-core';
import consoleTexts from '../../locales/nl/console.json';
import { ConsoleClient, PASSWORD, chatResident, createConnector, type ChatResident } from '../console/consoleClient';
import { BrowserSession, onPageErrors } from '../helpers/browser';
import { texts } from '../helpers/conversation';
import { startTestServer, type TestServer } from '../helpers/server';

jest.setTimeout(90_000);

const WAIT_MS = 10_000;
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Waits for what the page shows, without fixed sleeps; a failure says what was last seen. */
async function until(look: () => Promise<string>, holds: (seen: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const seen = squash(await look());
    if (holds(seen)) return seen;
    if (Date.now() > deadline) throw new Error(`${what}; last seen: ${seen}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A neighbour reports on the chat page's own endpoints: the report dialog as every channel runs it. */
async function reportFrom(baseUrl: string, answers: { story: string; where: string; when: string; feedback: string }): Promise<ChatResident> {
  const neighbour = await chatResident(baseUrl);
  for (const text of ['ja', answers.story, texts.report.kinds.geluid, answers.where, answers.when, 'nee', 'aangebeld', answers.feedback]) await neighbour.say(text);
  return neighbour;
}

describe('an overlast report in the console, in headless Chromium', () => {
  let server: TestServer;
  let chromium: BrowserSession;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ OFFICE_HOURS: 'ma-zo 00:00-24:00' });
    chromium = await BrowserSession.launch();
    await createConnector(server.app, 'anna');
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  async function logIn(): Promise<Page> {
    const page = await (await chromium.newContext()).newPage();
    onPageErrors(page, 'console', (error) => errors.push(error));
    await page.goto(`${server.baseUrl}/console`);
    await page.waitForURL(`${server.baseUrl}/console/login`);
    await page.getByLabel(consoleTexts.login.username).fill('anna');
    await page.getByLabel(consoleTexts.login.password).fill(PASSWORD);
    await page.getByRole('button', { name: consoleTexts.login.submit }).click();
    await page.waitForURL(`${server.baseUrl}/console`);
    return page;
  }

  it('lists the report beside intake cases with kind and address, and shows its fields, linked reports and timeline', async () => {
    await reportFrom(server.baseUrl, { story: 'de buurman draait elke nacht harde muziek', where: 'Schiedamseweg 12-B', when: 'sinds vorige week', feedback: 'nee' });
    const second = await reportFrom(server.baseUrl, { story: 'bij de buren is het elke nacht herrie <img src=x onerror="window.__pwned=1">', where: 'schiedamseweg 12b', when: 'elke nacht rond 3 uur', feedback: 'ja' });
    const stored = (await server.app.stores.cases.listReportsAt('schiedamseweg 12b')).at(-1)!;
    expect(stored.report).toMatchObject({ feedback: true, place: { key: 'schiedamseweg 12b' } });

    const desk = await logIn();
    const tag = consoleTexts.report.queueTag.replace('{kind}', consoleTexts.report.kinds.geluid);
    const rows = desk.locator('[data-testid="queue-report"]');
    await until(async () => (await rows.allTextContents()).join(' | '), (seen) => seen.split(' | ').length === 2 && seen.includes(`${tag}schiedamseweg 12b`), 'two reports in the queue');

    await desk.locator(`#queue [data-case-id="${stored.id}"]`).click();
    const view = desk.locator('#case');
    await until(() => view.locator('[data-report="reference"]').innerText(), (seen) => seen === stored.report!.reference, 'the reference');
    expect(squash(await view.locator('[data-report="kind"]').innerText())).toBe(consoleTexts.report.kinds.geluid);
    expect(squash(await view.locator('[data-report="address"]').innerText())).toBe('schiedamseweg 12b');
    // The reporter's words stay text, HTML and all.
    expect(squash(await view.locator('[data-report="story"]').innerText())).toContain('<img src=x onerror="window.__pwned=1">');
    expect(await desk.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(squash(await view.locator('[data-report="when"]').innerText())).toContain(consoleTexts.report.frequencies.nightly);
    expect(squash(await view.locator('[data-report="feedback"]').innerText())).toBe(consoleTexts.report.feedbackYes);
    expect(squash(await view.locator('[data-testid="report-count"]').innerText())).toBe(consoleTexts.report.count.replace('{count}', '2').replace('{reporters}', '2'));
    // The kind's flag reads as Dutch in the signals, not as its id.
    expect(await view.innerText()).toContain(texts.report.signalLabel.replace('{kind}', texts.report.kinds.geluid));
    expect(await view.innerText()).not.toContain('report-geluid');
    const timeline = await view.locator('[data-testid="report-timeline"] li').allTextContents();
    expect(timeline).toHaveLength(2);
    expect(squash(timeline[0])).toContain('"sinds vorige week"');
    expect(squash(timeline[1])).toContain(`"elke nacht rond 3 uur" (${consoleTexts.report.thisReport})`);

    // Claiming it is a status change the reporter asked to hear about: by reference, nothing about the neighbour.
    await view.getByTestId('claim').click();
    const claimed = texts.report.status.claimed.replace('{reference}', stored.report!.reference);
    const events = await second.events((seen) => seen.some((event) => event.text === claimed));
    expect(events.filter((event) => event.text === claimed)).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('answers the case view of a report through the console API with the linked reports', async () => {
    const client = await ConsoleClient.login(server.baseUrl, 'anna');
    const [first] = await server.app.stores.cases.listReportsAt('schiedamseweg 12b');
    const response = await client.get(`/api/console/cases/${first.id}`);
    expect(response.status).toBe(200);
    expect(response.json.report).toMatchObject({ kind: 'geluid', linkedCount: 2, reporters: 2, feedback: false });
    expect(response.json.report.timeline.map((entry: { current: boolean }) => entry.current)).toEqual([true, false]);
    // A report is no intake: the page shows no empty intake answers for it.
    expect(response.json.case.answers).toEqual({});
  });
});
