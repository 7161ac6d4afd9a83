import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db';
import { openTestDatabase } from '../testing/test-database';
import { loadEolSnapshot } from './load-eol-snapshot';
import { v1Product, v1ProductRelease } from './to-endoflife-v1';

// The v1 flags on containerd's real data, on both sides of each boundary: a cycle is EOL from the
// day after its last supported day; a month-precision date covers the whole month.
describe('endoflife.date v1 flags computed for an injected today', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase('seeded');
  });
  afterAll(async () => {
    await db?.close();
  });

  const release = async (today: string, cycle: string) => {
    const snapshot = await loadEolSnapshot(db.prisma, 'containerd', today);
    return v1ProductRelease(snapshot, cycle, 'https://shepherd.test')!.result;
  };

  it('2.2 (EOL November 6, 2026) is maintained on the 6th and EOL on the 7th', async () => {
    expect(await release('2026-11-06', '2.2')).toMatchObject({ eolFrom: '2026-11-06', isEol: false, isMaintained: true });
    expect(await release('2026-11-07', '2.2')).toMatchObject({ eolFrom: '2026-11-06', isEol: true, isMaintained: false });
  });

  it('1.7 (EOL "September 2026") is supported through September 30', async () => {
    const last = await release('2026-09-30', '1.7');
    expect(last).toMatchObject({ eolFrom: '2026-09-30', isEol: false, custom: { eolPrecision: 'month', eolText: 'September 2026' } });
    expect(await release('2026-10-01', '1.7')).toMatchObject({ isEol: true, isMaintained: false });
  });

  it('2.0 leaves active support after November 7, 2025 but stays maintained until March 2027', async () => {
    expect(await release('2025-11-07', '2.0')).toMatchObject({ eoasFrom: '2025-11-07', isEoas: false, isEol: false });
    expect(await release('2025-11-08', '2.0')).toMatchObject({ isEoas: true, isEol: false, isMaintained: true, eolFrom: '2027-03-31', isLts: true, label: '2.0 (LTS)' });
  });

  it('lists released cycles newest first, so "latest" moves when a GA happens', async () => {
    const before = await loadEolSnapshot(db.prisma, 'containerd', '2026-04-29');
    expect(v1Product(before, 'https://shepherd.test').result.releases[0].name).toBe('2.2');
    expect((await release('2026-04-29', 'latest')).name).toBe('2.2');
    expect((await release('2026-11-28', 'latest')).name).toBe('2.3');
    const names = v1Product(await loadEolSnapshot(db.prisma, 'containerd', '2026-11-28'), 'https://shepherd.test').result.releases.map((r) => r.name);
    expect(names).not.toContain('2.4');
    expect(names.slice(0, 3)).toEqual(['2.3', '2.2', '2.1']);
  });

  it('the envelope is the same bytes for the same data and day, dated by the later of the two', async () => {
    const a = JSON.stringify(v1Product(await loadEolSnapshot(db.prisma, 'containerd', '2030-01-01'), 'https://x'));
    const b = JSON.stringify(v1Product(await loadEolSnapshot(db.prisma, 'containerd', '2030-01-01'), 'https://x'));
    expect(a).toBe(b);
    expect(JSON.parse(a)).toMatchObject({ schema_version: '1.2.0', generated_at: '2030-01-01T00:00:00+00:00' });
    // Asked about a day before the data last changed (it was seeded just now), the envelope dates from the change.
    const earlier = await loadEolSnapshot(db.prisma, 'containerd', '2026-11-28');
    expect(Date.parse(v1Product(earlier, 'https://x').generated_at)).toBe(Math.floor(earlier.lastModified.getTime() / 1000) * 1000);
  });
});
