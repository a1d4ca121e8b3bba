import fs from 'node:fs/promises';
import type { Page } from 'playwright-core';
import consoleTexts from '../../locales/nl/console.json';
import type { IntakeCase } from '../../src/cases/case';
import { ConsoleClient, createConnector, PASSWORD, TEAM } from '../console/consoleClient';
import { BrowserSession, onPageErrors } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';
import { intakeCase } from '../storage/fixtures';

jest.setTimeout(90_000);

const WAIT_MS = 10_000;

/** Six cases of the team in each of two weeks before the server's clock (Tuesday 4 March 2025): enough to pass the "< 5" suppression. */
function cases(): IntakeCase[] {
  return ['2025-02-25T10:00:00.000Z', '2025-03-03T10:00:00.000Z'].flatMap((at, week) =>
    [0, 1, 2, 3, 4, 5].map((n) => {
      const minutes = (plus: number) => new Date(Date.parse(at) + plus * 60_000).toISOString();
      return intakeCase({
        id: `w${week}-${n}`,
        channel: 'webchat',
        userId: `u${week}-${n}`,
        conversationId: `g${week}-${n}`,
        createdAt: at,
        status: 'closed',
        level: n === 0 ? 'crisis' : 'zwaar',
        team: TEAM,
        escalatedAt: minutes(1),
        escalatedInOfficeHours: true,
        claimedAt: minutes(5),
        firstReplyAt: minutes(5 + n * 10),
        closedAt: minutes(90),
        outcome: n % 2 === 0 ? 'afgerond' : 'doorverwezen',
      });
    }),
  );
}

describe('the figures page in headless Chromium', () => {
  let server: TestServer;
  let chromium: BrowserSession;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ DEFAULT_TEAM: TEAM });
    for (const value of cases()) await server.app.stores.cases.save(value);
    await createConnector(server.app, 'cora', TEAM, PASSWORD, 'coordinator');
    await createConnector(server.app, 'willem', TEAM);
    chromium = await BrowserSession.launch();
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  /** A page with the session of `username`, logged in through the API; every page error (CSP violations too) is collected. */
  async function pageOf(username: string): Promise<Page> {
    const client = await ConsoleClient.login(server.baseUrl, username);
    const [name, value] = client.cookie.split(/=(.*)/s);
    const context = await chromium.newContext({ acceptDownloads: true });
    await context.addCookies([{ name, value, url: server.baseUrl }]);
    const page = await context.newPage();
    onPageErrors(page, username, (error) => errors.push(error));
    return page;
  }

  /** Waits for a look at the page to hold (playwright-core has no expect), without fixed sleeps. */
  async function until<T>(look: () => Promise<T>, holds: (seen: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const seen = await look();
      if (holds(seen)) return seen;
      if (Date.now() > deadline) throw new Error(`${what}; last seen: ${JSON.stringify(seen)}; page errors: ${errors.join(' | ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('a coordinator sees the table and three charts drawn from the bot itself, and downloads the CSV', async () => {
    const page = await pageOf('cora');
    // The console shows a coordinator the way to the figures.
    await page.goto(`${server.baseUrl}/console`);
    await until(() => page.locator('#figures-link').isVisible(), (visible) => visible, 'the figures link is shown');
    await page.locator('#figures-link').click();
    await page.waitForURL(`${server.baseUrl}/console/figures`);
    const header = await until(() => page.locator('#figures thead th').allTextContents(), (seen) => seen.length === 3, 'the table shows two weeks');
    expect(header).toEqual([consoleTexts.figures.week, '2025-W09', '2025-W10']);
    const startedRow = await page.locator('#figures tbody tr', { hasText: consoleTexts.figures.columns.started }).first().locator('td').allTextContents();
    expect(startedRow).toEqual(['6', '6']);
    const crisisRow = await page.locator('#figures tbody tr', { hasText: `${consoleTexts.figures.prefixes.level}: ${consoleTexts.levels.crisis}` }).locator('td').allTextContents();
    expect(crisisRow).toEqual(['< 5', '< 5']);

    // Each chart has drawn: its canvas holds pixels that are not blank.
    for (const id of ['levels-chart', 'reply-chart', 'outcomes-chart']) {
      const painted = await until(
        () =>
          page.evaluate((canvasId) => {
            const canvas = document.getElementById(canvasId) as HTMLCanvasElement;
            const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
            let count = 0;
            for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) count++;
            return count;
          }, id),
        (count) => count > 500,
        `${id} is drawn`,
      );
      expect(painted).toBeGreaterThan(500);
    }
    // Chart.js came from this server, not from a CDN.
    expect(await page.evaluate(() => typeof (window as unknown as { Chart?: unknown }).Chart)).toBe('function');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
    expect(download.suggestedFilename()).toBe(`cijfers-${TEAM}-2024-12-17-2025-03-04.csv`);
    const csv = await fs.readFile((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0].split(',').slice(0, 3)).toEqual(['week', 'started', 'completed']);
    expect(csv.split('\r\n').slice(1, 3).map((line) => line.split(',').slice(0, 2))).toEqual([
      ['2025-W09', '6'],
      ['2025-W10', '6'],
    ]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a plain wijkverbinder gets 403: the page says only a coordinator can see the figures, and shows none', async () => {
    const page = await pageOf('willem');
    await page.goto(`${server.baseUrl}/console`);
    await until(() => page.locator('#who').textContent(), (text) => Boolean(text), 'the console has loaded');
    expect(await page.locator('#figures-link').isVisible()).toBe(false);
    const refused = page.waitForResponse((response) => response.url().includes('/api/console/figures'));
    await page.goto(`${server.baseUrl}/console/figures`);
    expect((await refused).status()).toBe(403);
    await until(() => page.locator('#alert').textContent(), (text) => text === consoleTexts.figures.forbidden, 'the refusal is shown');
    expect(await page.locator('#figures tbody tr').count()).toBe(0);
    // Chromium reports the refused request itself; nothing else went wrong.
    expect(errors.filter((error) => !/status of 403/.test(error))).toEqual([]);
    await page.context().close();
  });
});
