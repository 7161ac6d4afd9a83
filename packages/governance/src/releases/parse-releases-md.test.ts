import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOwners, parseReleasesMd, parseStatus } from './parse-releases-md';

const SEED = fs.readFileSync(path.resolve(import.meta.dirname, '../../../../prisma/seed/containerd/RELEASES.md'), 'utf8');

describe('parseReleasesMd on containerd’s real tables', () => {
  const doc = parseReleasesMd(SEED);
  const cycle = (name: string) => doc.cycles.find((c) => c.name === name)!;

  it('reads every row without a problem', () => {
    expect(doc.problems).toEqual([]);
    expect(doc.cycles.map((c) => c.name)).toEqual(['0.0', '0.1', '0.2', '1.0', '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '2.0', '2.1', '2.2', '2.3', '2.4']);
  });

  it('keeps the mess: month-only and footnoted EOLs, tentative dates, teams', () => {
    expect(cycle('1.7')).toMatchObject({ isLts: true, endOfLife: { date: '2026-09-01', precision: 'MONTH' }, footnote: 1, owners: ['samuelkarp', 'chrishenzie'] });
    expect(cycle('2.0')).toMatchObject({ endOfLife: { date: '2027-03-01', precision: 'MONTH' }, footnote: 2 });
    expect(cycle('2.4')).toMatchObject({ phase: 'FUTURE', start: { date: '2026-08-26', tentative: true }, endOfLife: { date: '2027-04-26', tentative: true } });
    expect(cycle('2.3')).toMatchObject({ isLts: true, owners: ['containerd/committers'], endOfLife: { date: '2028-04-30', precision: 'DAY' } });
    expect(cycle('0.0')).toMatchObject({ start: { date: '2015-12-04' }, endOfLife: null, phase: 'END_OF_LIFE' });
  });

  it('reads the extended-support footnotes, including the real "Kuberentes" typo', () => {
    const [first, second] = doc.footnotes;
    expect(first).toMatchObject({ stars: 1, activeSupportUntil: { date: '2026-03-10' }, extendedSupportThrough: { date: '2026-09-01', precision: 'MONTH' }, kubernetesVersions: ['1.32', '1.31', '1.30'], providers: ['samuelkarp', 'chrishenzie'] });
    expect(second).toMatchObject({ stars: 2, activeSupportUntil: { date: '2025-11-07' }, kubernetesVersions: ['1.33'] });
  });

  it('reads the Kubernetes matrix with minimum patches', () => {
    expect(doc.kubernetes.find((row) => row.kubernetesVersion === '1.36')).toMatchObject({
      criVersion: 'v1',
      entries: [{ cycle: '2.3', minimumVersion: '2.3.0' }, { cycle: '2.2', minimumVersion: '2.2.0' }],
    });
    expect(doc.legacyKubernetes).toHaveLength(7);
    expect(doc.legacyKubernetes[5]).toMatchObject({ runtimeVersions: 'v1.5', criVersion: 'v1 (1.23+), v1alpha2 (until 1.25) **' });
  });

  it('reads both deprecation tables', () => {
    const nri = doc.deprecations.find((d) => d.component.startsWith('NRI v0.1.0'))!;
    expect(nri).toMatchObject({ kind: 'FEATURE', deprecatedIn: '2.2', removalTarget: '2.3', removed: false });
    const cgroup = doc.deprecations.find((d) => d.component === 'cgroup v1 support')!;
    expect(cgroup).toMatchObject({ removalTarget: null, removalTargetText: '(May 2029)' });
    expect(doc.deprecations.filter((d) => d.kind === 'CONFIG_PROPERTY')).toHaveLength(14);
  });
});

describe('parseReleasesMd on bad input', () => {
  const broken = [
    '# Releases',
    '',
    '| Release | Status | Start | End of Life | Owners |',
    '| --- | --- | --- | --- | --- |',
    '| [2.3](https://example.com) | LTS | April 30, 2026 | April 30, 2028 | @containerd/committers |',
    '| 2.x | Active | May 1, 2026 | - | |',
    '| 2.5 | Sideways | Smarch 1, 2027 | - | @ok |',
    '| 2.6 | Active | May 1, 2027 | June 1, 2028* | not a handle |',
    '| 2.3 | Active | May 1, 2027 | - | |',
  ].join('\n');

  it('reports every unreadable cell with its line, and no footnote text as a problem', () => {
    const doc = parseReleasesMd(broken);
    expect(doc.problems).toEqual([
      { line: 6, table: 'releases', message: 'Release: "2.x" is not a <major>.<minor> version' },
      { line: 7, table: 'releases', message: 'Status: unknown status "Sideways"' },
      { line: 7, table: 'releases', message: 'Start: unknown month "Smarch" in "Smarch 1, 2027"' },
      { line: 8, table: 'releases', message: 'Owners: cannot read owner "not a handle" (expected @login or @org/team)' },
      { line: 9, table: 'releases', message: '2.3 is listed twice (also line 5)' },
    ]);
  });

  it('says so when there is no release table at all', () => {
    expect(parseReleasesMd('# nothing here\n').problems).toEqual([
      { line: 1, table: 'releases', message: 'no release table found (columns Release, Status, Start, End of Life)' },
    ]);
  });

  it('reads statuses and owners as written', () => {
    expect(parseStatus('LTS (_future_)')).toEqual({ phase: 'FUTURE', isLts: true });
    expect(parseStatus('RC (LTS)')).toEqual({ phase: 'RC', isLts: true });
    expect(parseStatus('_Future_')).toEqual({ phase: 'FUTURE', isLts: false });
    expect(parseOwners('[@a](https://github.com/a), @b')).toEqual(['a', 'b']);
    expect(parseOwners('_TBD_')).toEqual([]);
  });
});
