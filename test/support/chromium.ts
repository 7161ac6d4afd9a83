import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// Which Chromium the browser tests drive. CHROMIUM_PATH wins; else Debian's /usr/bin/chromium when
// it is installed; else the headless Chromium the npm package @sparticuz/chromium ships inside
// itself, so `npm install && npm test` needs nothing installed by hand. That package is built for
// serverless Linux: it unpacks the browser (brotli) into os.tmpdir(), with its fonts and the NSS
// libraries of its Amazon Linux layer, which we use too so the host needs no libnss3.

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export type ChromiumChoice = { source: 'CHROMIUM_PATH' | 'system'; executablePath: string } | { source: 'bundled' };

export interface ResolvedChromium {
  source: 'CHROMIUM_PATH' | 'system' | 'bundled';
  executablePath: string;
  /** Extra environment for the browser process (the bundled one's libraries and fonts). */
  env: Record<string, string>;
}

/** The resolution order, kept pure so it can be tested without touching the machine. */
export function chooseChromium(env: NodeJS.ProcessEnv, exists: (file: string) => boolean, systemPath = SYSTEM_CHROMIUM): ChromiumChoice {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) {
    // A path someone set on purpose is never silently replaced by another browser.
    if (!exists(configured)) throw new Error(`CHROMIUM_PATH=${configured}: no such file (unset it to use ${systemPath} or the bundled Chromium)`);
    return { source: 'CHROMIUM_PATH', executablePath: configured };
  }
  if (exists(systemPath)) return { source: 'system', executablePath: systemPath };
  return { source: 'bundled' };
}

function sparticuzPackage() {
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  const dir = path.resolve(path.dirname(entry), '..');
  const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
  return { entry, dir, version };
}

/**
 * The bundled Chromium, unpacked once per version and user under `cacheRoot`. The package always
 * unpacks into os.tmpdir(), so a child process does it with TMPDIR pointing at a private staging
 * directory, which is renamed into place only when complete: parallel test workers and parallel
 * runs never see (or launch) a half-written browser.
 */
export function bundledChromium(cacheRoot = os.tmpdir()): ResolvedChromium {
  const { entry, dir, version } = sparticuzPackage();
  const target = path.join(cacheRoot, `shepherd-chromium-${version}-${process.getuid?.() ?? 'user'}`);
  const done = path.join(target, '.complete');
  if (!fs.existsSync(done)) {
    fs.mkdirSync(cacheRoot, { recursive: true });
    const staging = fs.mkdtempSync(`${target}.partial-`);
    try {
      const script = [
        `const { default: chromium, inflate } = await import(${JSON.stringify(pathToFileURL(entry).href)});`,
        'await chromium.executablePath();',
        `await inflate(${JSON.stringify(path.join(dir, 'bin', 'al2023.tar.br'))});`,
      ].join('\n');
      const unpack = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TMPDIR: staging }, encoding: 'utf8' });
      if (unpack.status !== 0) throw new Error(`unpacking @sparticuz/chromium ${version} failed:\n${unpack.stderr}`);
      // Its fonts.conf names /tmp/fonts; ours names where the fonts are, then the host's own.
      fs.mkdirSync(path.join(staging, 'fontconfig'));
      fs.writeFileSync(
        path.join(staging, 'fontconfig', 'fonts.conf'),
        `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${path.join(target, 'fonts', 'fonts')}</dir>\n  <dir>/usr/share/fonts</dir>\n  <dir>/usr/local/share/fonts</dir>\n  <cachedir>${path.join(target, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
      );
      fs.writeFileSync(path.join(staging, '.complete'), `${version}\n`);
      try {
        fs.renameSync(staging, target);
      } catch (error) {
        // Another process finished first: its copy is as good as ours.
        if (!['ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '') || !fs.existsSync(done)) throw error;
      }
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }
  const libraries = path.join(target, 'al2023', 'lib');
  return {
    source: 'bundled',
    executablePath: path.join(target, 'chromium'),
    env: {
      LD_LIBRARY_PATH: [libraries, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_PATH: path.join(target, 'fontconfig'),
    },
  };
}

export function resolveChromium(env: NodeJS.ProcessEnv = process.env): ResolvedChromium {
  const choice = chooseChromium(env, (file) => fs.existsSync(file));
  return choice.source === 'bundled' ? bundledChromium() : { ...choice, env: {} };
}
