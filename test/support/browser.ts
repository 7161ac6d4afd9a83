import { chromium, type Browser } from 'playwright-core';
import { resolveChromium, type ResolvedChromium } from './chromium';

// Headless Chromium (CHROMIUM_PATH, Debian's, or the bundled one: see chromium.ts); the flags keep
// it off the (closed) network.
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchBrowser(browser: ResolvedChromium = resolveChromium()): Promise<Browser> {
  return chromium.launch({
    executablePath: browser.executablePath,
    env: { ...process.env, ...browser.env },
    args: CHROMIUM_ARGS,
  });
}
