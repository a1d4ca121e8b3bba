import { chromium, type Browser } from 'playwright-core';

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
