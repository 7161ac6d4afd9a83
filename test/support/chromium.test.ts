import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { bundledChromium, chooseChromium } from './chromium';

// The browser tests run on a machine with only Node: CHROMIUM_PATH wins, then Debian's Chromium,
// then the one @sparticuz/chromium ships, unpacked and launched for real here.

describe('choosing the Chromium the browser tests drive', () => {
  const only = (...files: string[]) => (file: string) => files.includes(file);

  it('takes CHROMIUM_PATH first, even with a system Chromium present, and refuses one that does not exist', () => {
    expect(chooseChromium({ CHROMIUM_PATH: '/opt/chrome/chrome' }, only('/opt/chrome/chrome', '/usr/bin/chromium'))).toEqual({ source: 'CHROMIUM_PATH', executablePath: '/opt/chrome/chrome' });
    expect(() => chooseChromium({ CHROMIUM_PATH: '/opt/missing' }, only('/usr/bin/chromium'))).toThrow('CHROMIUM_PATH=/opt/missing: no such file');
  });

  it('uses /usr/bin/chromium when it is installed, and the bundled one otherwise', () => {
    expect(chooseChromium({}, only('/usr/bin/chromium'))).toEqual({ source: 'system', executablePath: '/usr/bin/chromium' });
    expect(chooseChromium({ CHROMIUM_PATH: '  ' }, only('/usr/bin/chromium'))).toEqual({ source: 'system', executablePath: '/usr/bin/chromium' });
    expect(chooseChromium({}, only())).toEqual({ source: 'bundled' });
  });
});

describe('the bundled Chromium (@sparticuz/chromium)', () => {
  const cacheRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'shepherd-chromium-test-'));
  afterAll(() => fs.rmSync(cacheRoot, { recursive: true, force: true }));

  it('unpacks once, with its own NSS libraries and fonts, and renders a page', async () => {
    const bundled = bundledChromium(cacheRoot);
    expect(bundled.executablePath.startsWith(cacheRoot)).toBe(true);
    expect(fs.existsSync(path.join(path.dirname(bundled.executablePath), 'al2023', 'lib', 'libnss3.so'))).toBe(true);
    const unpackedAt = fs.statSync(bundled.executablePath).mtimeMs;
    expect(bundledChromium(cacheRoot)).toEqual(bundled);
    expect(fs.statSync(bundled.executablePath).mtimeMs).toBe(unpackedAt);
    // Nothing half-written is left beside it.
    expect(fs.readdirSync(cacheRoot).filter((name) => name.includes('.partial-'))).toEqual([]);

    const { version } = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'node_modules', '@sparticuz', 'chromium', 'package.json'), 'utf8'));
    const browser = await launchBrowser(bundled);
    try {
      expect(browser.version().split('.')[0]).toBe(version.split('.')[0]);
      const page = await browser.newPage({ viewport: { width: 390, height: 200 } });
      await page.setContent('<h1 style="font-family: \'Open Sans\'">Shepherd 2.3 LTS</h1>');
      expect(await page.locator('h1').innerText()).toBe('Shepherd 2.3 LTS');
      // Text is laid out with a real font, not left blank.
      expect((await page.locator('h1').boundingBox())!.width).toBeGreaterThan(100);
    } finally {
      await browser.close();
    }
  });
});
