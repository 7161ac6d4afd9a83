import fs from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { expectDocumented, openapi } from '../support/openapi';
import { startPortal, type Portal } from '../support/portal';
import { seededDataDir } from '../support/seeded-data-dir';

// The public EOL surfaces on containerd's real data, with today pinned to 2026-11-28: every API
// answer validated against docs/openapi.yaml, conditional requests, the iCalendar feed read by an
// independent parser (ical.js) and checked against RFC 5545, the Atom feeds read by the browser's
// XML parser, badges, the timeline picture and the public EOL page.

const TODAY = '2026-11-28';

describe('public EOL surfaces', () => {
  let portal: Portal;
  let dataDir: string;
  let browser: Browser;
  let page: Page;
  const get = (url: string, headers: Record<string, string> = {}) => fetch(`${portal.url}${url}`, { headers });
  const json = async (url: string, template: string, status = 200) => {
    const response = await get(url);
    expect(response.status, url).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const body = await response.json();
    expectDocumented(template, status, body);
    return body;
  };

  beforeAll(async () => {
    dataDir = seededDataDir('shepherd-eol-e2e-');
    portal = await startPortal({ SHEPHERD_TODAY: TODAY, SHEPHERD_DATA_DIR: dataDir });
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('the OpenAPI file itself is a valid OpenAPI 3.1 document', async () => {
    const { Validator } = await import('@seriousme/openapi-schema-validator');
    const result = await new Validator().validate(openapi);
    expect(result, JSON.stringify(result.errors)).toMatchObject({ valid: true });
  });

  it('serves the endoflife.date v1 shapes with flags for today', async () => {
    const products = await json('/api/v1/products', '/api/v1/products');
    expect(products.result.map((product: { name: string }) => product.name)).toContain('containerd');
    const product = await json('/api/v1/products/containerd', '/api/v1/products/{product}');
    const byName = Object.fromEntries(product.result.releases.map((release: { name: string }) => [release.name, release]));
    expect(product.result.releases[0].name).toBe('2.3');
    expect(byName['2.3']).toMatchObject({ isLts: true, isEol: false, eolFrom: '2028-04-30', latest: { name: '2.3.4' } });
    expect(byName['2.2']).toMatchObject({ isEol: true, isMaintained: false, eolFrom: '2026-11-06' });
    expect(byName['2.0']).toMatchObject({ isEoas: true, isEol: false, isMaintained: true, eolFrom: '2027-03-31', custom: { eolPrecision: 'month', eolText: 'March 2027' } });
    expect(byName['1.7']).toMatchObject({ isEol: true, eolFrom: '2026-09-30' });
    expect(byName['2.4']).toBeUndefined();

    const latest = await json('/api/v1/products/containerd/releases/latest', '/api/v1/products/{product}/releases/{release}');
    expect(latest.result.name).toBe('2.3');
    const one = await json('/api/v1/products/containerd/releases/1.7', '/api/v1/products/{product}/releases/{release}');
    expect(one.result).toEqual(byName['1.7']);
  });

  it('serves Shepherd’s richer API with planned cycles, precision and owners', async () => {
    await json('/api/shepherd/v1/projects', '/api/shepherd/v1/projects');
    const project = await json('/api/shepherd/v1/projects/containerd', '/api/shepherd/v1/projects/{project}');
    const planned = project.cycles.find((cycle: { name: string }) => cycle.name === '2.4');
    expect(planned).toMatchObject({ phase: 'BETA', ga: { date: '2026-08-26', tentative: true, happened: false } });
    expect(project.kubernetes.find((row: { kubernetesVersion: string }) => row.kubernetesVersion === '1.36').entries).toEqual([
      { cycle: '2.3', minimumVersion: '2.3.0' },
      { cycle: '2.2', minimumVersion: '2.2.0' },
    ]);
    const cycle = await json('/api/shepherd/v1/projects/containerd/cycles/2.0', '/api/shepherd/v1/projects/{project}/cycles/{cycle}');
    expect(cycle.cycle.endOfLife).toEqual({ date: '2027-03-01', precision: 'month', tentative: false, text: 'March 2027', lastDay: '2027-03-31' });
    expect(cycle.cycle.owners.map((owner: { login: string }) => owner.login)).toEqual(['samuelkarp', 'chrishenzie']);
  });

  it('answers unknown products, cycles and paths with a JSON 404 that says what is wrong', async () => {
    const noProduct = await json('/api/v1/products/nope', '/api/v1/products/{product}', 404);
    expect(noProduct.error.message).toBe('No project "nope"');
    const future = await json('/api/v1/products/containerd/releases/2.4', '/api/v1/products/{product}/releases/{release}', 404);
    expect(future.error.message).toContain('has not been released yet');
    const noCycle = await json('/api/shepherd/v1/projects/containerd/cycles/9.9', '/api/shepherd/v1/projects/{project}/cycles/{cycle}', 404);
    expect(noCycle.error.message).toMatch(/No release cycle "9\.9" in containerd; known cycles: 2\.4, 2\.3/);
    for (const url of ['/api/v1/categories', '/api/v1/products/containerd/releases/x', '/api/shepherd/v2']) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/json');
      expectDocumented('/api/v1/products/{product}', 404, await response.json());
    }
  });

  it('revalidates with strong ETags and Last-Modified: 304 without a body', async () => {
    // First request of a URL (computed by the route handler), "*" matches any current answer.
    const first = await get('/api/v1/products/containerd/releases/1.6', { 'If-None-Match': '*' });
    expect(first.status).toBe(304);
    for (let round = 0; round < 2; round++) {
      const full = await get('/api/v1/products/containerd');
      const etag = full.headers.get('etag')!;
      expect(etag).toMatch(/^"[\w-]{32}"$/);
      expect(full.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
      const lastModified = full.headers.get('last-modified')!;
      expect(new Date(lastModified).toISOString().slice(0, 10) >= TODAY).toBe(true);
      const again = await get('/api/v1/products/containerd', { 'If-None-Match': etag });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
      expect((await get('/api/v1/products/containerd', { 'If-None-Match': `W/${etag}` })).status).toBe(304);
      expect((await get('/api/v1/products/containerd', { 'If-None-Match': '"other"' })).status).toBe(200);
      expect((await get('/api/v1/products/containerd', { 'If-Modified-Since': lastModified })).status).toBe(304);
      expect((await get('/api/v1/products/containerd', { 'If-Modified-Since': 'Thu, 01 Jan 2026 00:00:00 GMT' })).status).toBe(200);
    }
    const preflight = await fetch(`${portal.url}/api/v1/products`, { method: 'OPTIONS', headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'GET' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('publishes a valid RFC 5545 calendar with stable UIDs and UTC alarms', async () => {
    const response = await get('/calendar/containerd.ics');
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await response.text();
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // CRLF only
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75); // folded
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
    const events = calendar.getAllSubcomponents('vevent');
    const uids = events.map((event) => String(event.getFirstPropertyValue('uid')));
    expect(new Set(uids).size).toBe(uids.length);
    for (const event of events) {
      expect(event.getFirstPropertyValue('dtstamp')).toBeTruthy();
      expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).isDate).toBe(true); // all-day
    }
    const byUid = (uid: string) => events.find((event) => event.getFirstPropertyValue('uid') === uid)!;
    const eol22 = byUid('containerd-2.2-eol@shepherd');
    expect(String(eol22.getFirstPropertyValue('dtstart'))).toBe('2026-11-06');
    expect(eol22.getFirstPropertyValue('summary')).toBe('containerd 2.2 end of life');
    const alarms = eol22.getAllSubcomponents('valarm');
    expect(alarms.length).toBe(2);
    for (const alarm of alarms) {
      const trigger = alarm.getFirstProperty('trigger')!;
      expect(trigger.type).toBe('date-time');
      const time = trigger.getFirstValue() as ICAL.Time;
      expect(time.zone?.tzid).toBe('UTC');
      expect(time.toString() < '2026-11-06').toBe(true);
    }
    expect(String(byUid('containerd-1.7-eol@shepherd').getFirstPropertyValue('dtstart'))).toBe('2026-09-30');
    expect(byUid('containerd-1.7-eol@shepherd').getFirstPropertyValue('summary')).toBe('containerd 1.7 end of life (September 2026)');
    const ga24 = byUid('containerd-2.4-ga@shepherd');
    expect(ga24.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(ga24.getFirstPropertyValue('summary')).toBe('containerd 2.4 GA (planned, tentative)');

    const combined = await (await get('/calendar/combined.ics?projects=containerd')).text();
    const combinedUids = new ICAL.Component(ICAL.parse(combined)).getAllSubcomponents('vevent').map((event) => String(event.getFirstPropertyValue('uid')));
    expect(combinedUids.sort()).toEqual([...uids].sort());
    expect((await get('/calendar/nope.ics')).status).toBe(404);
  });

  it('publishes Atom feeds of past events and upcoming end-of-life dates', async () => {
    const read = async (url: string) => {
      const response = await get(url);
      expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
      const xml = await response.text();
      return page.evaluate((source) => {
        const doc = new DOMParser().parseFromString(source, 'application/xml');
        if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror')!.textContent };
        return {
          root: doc.documentElement.namespaceURI,
          entries: [...doc.querySelectorAll('entry')].map((entry) => ({
            id: entry.querySelector('id')!.textContent,
            title: entry.querySelector('title')!.textContent,
            updated: entry.querySelector('updated')!.textContent,
          })),
        };
      }, xml);
    };
    const feed = await read('/feeds/containerd.atom');
    expect(feed).toMatchObject({ root: 'http://www.w3.org/2005/Atom' });
    const entries = (feed as { entries: { id: string; title: string; updated: string }[] }).entries;
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length);
    expect(entries).toContainEqual({ id: 'urn:shepherd:containerd:eol:2.2', title: 'containerd 2.2 reached end of life', updated: '2026-11-07T00:00:00.000Z' });
    expect(entries).toContainEqual({ id: 'urn:shepherd:containerd:eol-in-7-days:2.2', title: 'containerd 2.2 reaches end of life in 7 days', updated: '2026-10-31T00:00:00.000Z' });
    expect(entries.some((entry) => entry.title === 'containerd 2.3.0 released (2.3 GA)')).toBe(true);
    expect(entries.every((entry) => entry.updated.slice(0, 10) <= TODAY)).toBe(true);

    const upcoming = (await read('/feeds/upcoming-eol.atom')) as { entries: { title: string }[] };
    expect(upcoming.entries.map((entry) => entry.title)).toEqual(['containerd 2.0 end of life: March 2027', 'containerd 2.3 end of life: April 30, 2028']);
  });

  it('draws status badges and the timeline picture', async () => {
    const svg = await (await get('/badges/containerd/2.2.svg')).text();
    expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('containerd 2.2');
    expect(svg).toContain('EOL 2026-11-06');
    expect(await (await get('/badges/containerd/2.2.json')).json()).toEqual({ schemaVersion: 1, label: 'containerd 2.2', message: 'EOL 2026-11-06', color: 'red', cacheSeconds: 3600 });
    expect(await (await get('/badges/containerd/2.0.json')).json()).toMatchObject({ message: 'EOL 2027-03', color: 'yellow' });
    const supported = await (await get('/badges/containerd/supported.json')).json();
    expect(supported).toMatchObject({ label: 'containerd supported', message: '2.3 LTS (to 2028-04-30) · 2.0 LTS (to 2027-03-31)', color: 'brightgreen' });
    expect((await get('/badges/containerd/2.2.svg?style=nope')).status).toBe(400);
    // A README image of a cycle (or project) Shepherd does not know still shows an image: "unknown", with the 404 status.
    for (const unknown of ['/badges/containerd/9.9.svg', '/badges/nope/2.3.svg', '/badges/containerd/not-a-cycle.svg']) {
      const response = await get(unknown);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
      expect(await response.text()).toMatch(/^<svg[\s\S]*unknown/);
    }
    expect((await get('/badges/containerd/9.9.json')).headers.get('content-type')).toContain('application/json');
    const timeline = await get('/projects/containerd/timeline.svg');
    expect(timeline.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(await timeline.text()).toContain(`today ${TODAY}`);
  });

  it('answers on the public EOL page within one screen: what to run, until when, what to upgrade to', async () => {
    await page.goto(`${portal.url}/projects/containerd/eol`);
    await expect(page.getByTestId('answer').innerText()).resolves.toMatch(/Run containerd 2\.3 \(LTS\), supported until April 30, 2028\./);
    const row = (cycle: string) => page.locator(`[data-testid=supported] tr[data-cycle="${cycle}"]`).innerText();
    await expect(row('2.3')).resolves.toMatch(/2\.3\s+LTS\s+April 30, 2026\s+April 30, 2028 \(519 days left\)\s+v2\.3\.4 \(August 12, 2026\)\s+Recommended/);
    await expect(row('2.0')).resolves.toMatch(/2\.0\s+LTS \(extended support\)\s+November 5, 2024\s+March 2027 \(123 days left\)\s+v2\.0\.11 \(July 9, 2026\)\s+Upgrade to 2\.3 via 2\.1 → 2\.2/);
    // Latest links to the release notes of that tag.
    await expect(page.locator('[data-testid=supported] tr[data-cycle="2.3"] a', { hasText: 'v2.3.4' }).getAttribute('href')).resolves.toBe('https://github.com/containerd/containerd/releases/tag/v2.3.4');
    await expect(page.locator('[data-testid=supported] tr[data-cycle="2.2"]').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid=ended] tr[data-cycle="2.2"]').innerText()).resolves.toMatch(/2\.2\s+November 6, 2026\s+November 5, 2025\s+v2\.2\.7/);
    // containerd supports 1.7 (LTS) → 2.3 (LTS) directly: the LTS upgrade line, not every LTS label.
    await expect(page.locator('[data-testid=ended] tr[data-cycle="1.7"]').innerText()).resolves.toMatch(/Upgrade to 2\.3 \(LTS to next LTS\)$/);
    // Releases that ended long ago are shown on asking: 1.5 and older (13 rows before) wait behind "show older".
    await expect(page.locator('[data-testid=ended] tr').count()).resolves.toBe(5);
    await expect(page.getByTestId('ended-older').count()).resolves.toBe(0);
    await Promise.all([page.waitForURL(/older=all#older$/), page.getByTestId('older').getByRole('link', { name: /^Show \d+ older releases/ }).click()]);
    await expect(page.locator('[data-testid=ended-older] tr[data-cycle="1.0"]').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('older').count()).resolves.toBe(0);
    // 2.4's GA date has passed without a GA: the same overdue mark the dashboard shows.
    await expect(page.getByTestId('upcoming').innerText()).resolves.toContain('2.4 beta — GA August 26, 2026 (tentative) · 94 days overdue');
    await expect(page.getByTestId('timeline').locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).resolves.toBe(true);
    const webcal = await page.locator('[data-testid=subscribe] a', { hasText: 'Subscribe (webcal)' }).getAttribute('href');
    expect(webcal).toBe(`webcal://${new URL(portal.url).host}/calendar/containerd.ics`);
    const badges = page.locator('[data-testid=subscribe] img');
    await expect(badges.count()).resolves.toBe(3);
    await expect(badges.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).resolves.toBe(true);
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.screenshot({ path: path.join(process.env.SHEPHERD_SCREENSHOTS ?? '/tmp', 'eol-page.png'), fullPage: true });
  });
});
