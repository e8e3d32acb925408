/**
 * Debian's Chromium for the console e2e tests and the bench's console scenario: a quiet,
 * hermetic browser (no GPU, no QUIC, no background networking, component updates or sync) that
 * talks to nothing but the loopback server under test. Never a downloaded browser.
 */
import { chromium, type BrowserContext } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A persistent Chromium context with its profile in `profileDir`, at the console's 1280×800. */
export function launchConsoleBrowser(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });
}
