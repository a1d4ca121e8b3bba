import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/**
 * Debian's Chromium, headless, with the background networking that this closed network refuses
 * turned off. It runs on the machine's real clock even when the suite runs under faketime
 * (npm run test:anytime): under libfaketime the console test timed out inside Chromium, and what the suite
 * proves is that the server and the tests do not depend on the hour; the console measures waiting
 * from the server's time, so the browser's own clock never changes what a page shows.
 */
export function launchChromium(): Promise<Browser> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'LD_PRELOAD' && !name.startsWith('FAKETIME')));
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    env: env as Record<string, string>,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Hands everything that goes wrong inside a page to `record`: uncaught errors and console errors
 * (a content security policy violation shows up there too), each named after the page.
 */
export function onPageErrors(page: Page, name: string, record: (error: string) => void): void {
  page.on('pageerror', (error) => record(`${name} pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') record(`${name} console.error: ${message.text()} ${message.location().url}`.trim());
  });
}

/** One Chromium for a suite; each page in a context of its own (own cookies and storage), all closed with it. */
export class BrowserSession {
  private readonly contexts: BrowserContext[] = [];

  private constructor(private readonly browser: Browser) {}

  static async launch(): Promise<BrowserSession> {
    return new BrowserSession(await launchChromium());
  }

  async newContext(options?: BrowserContextOptions): Promise<BrowserContext> {
    const context = await this.browser.newContext(options);
    this.contexts.push(context);
    return context;
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => undefined);
    await this.browser.close();
  }
}
