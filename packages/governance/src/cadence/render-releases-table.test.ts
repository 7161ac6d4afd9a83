import { describe, expect, it } from 'vitest';
import { dayDate, monthDate } from './dates';
import {
  flattenMarkdownText,
  parseMarkdownTableCells,
  type ReleaseTableRow,
  renderKubernetesTable,
  renderReleasesTable,
  statusWord,
} from './render-releases-table';
import { REAL_K8S_ROWS } from './test-fixtures';

const R = 'https://github.com/containerd/containerd/releases/tag';
const LTS_OWNERS = [{ login: 'samuelkarp' }, { login: 'chrishenzie' }];
const TEAM = [{ login: '@containerd/committers', isTeam: true }];

const REAL_ROWS: ReleaseTableRow[] = [
  { cycle: '2.4', milestone: 51, status: '_Future_', start: dayDate('2026-08-26', true), endOfLife: dayDate('2027-04-26', true), owners: TEAM },
  { cycle: '1.6', latestTag: 'v1.6.39', status: 'End of Life', start: dayDate('2022-02-15'), endOfLife: dayDate('2025-08-23'), owners: [] },
  { cycle: '1.7', latestTag: 'v1.7.33', status: 'LTS', start: dayDate('2023-03-10'), endOfLife: monthDate(2026, 9), endOfLifeFootnote: 1, owners: LTS_OWNERS },
  { cycle: '2.0', latestTag: 'v2.0.10', status: 'LTS', start: dayDate('2024-11-05'), endOfLife: monthDate(2027, 3), endOfLifeFootnote: 2, owners: LTS_OWNERS },
  { cycle: '2.1', latestTag: 'v2.1.9', status: 'End of Life', start: dayDate('2025-05-07'), endOfLife: dayDate('2026-07-03'), owners: [] },
  { cycle: '2.2', latestTag: 'v2.2.5', status: 'Active', start: dayDate('2025-11-05'), endOfLife: dayDate('2026-11-06'), owners: TEAM },
  { cycle: '2.3', latestTag: 'v2.3.2', status: 'LTS', start: dayDate('2026-04-30'), endOfLife: dayDate('2028-04-30'), owners: TEAM },
];

const OWNERS = '[@samuelkarp](https://github.com/samuelkarp), [@chrishenzie](https://github.com/chrishenzie)';

describe('renderReleasesTable', () => {
  const md = renderReleasesTable(REAL_ROWS);

  it('reproduces every cell of the real table (snapshot 2026-08-22), oldest first', () => {
    expect(parseMarkdownTableCells(md)).toEqual([
      [`[1.6](${R}/v1.6.39)`, 'End of Life', 'February 15, 2022', 'August 23, 2025', ''],
      [`[1.7](${R}/v1.7.33)`, 'LTS', 'March 10, 2023', 'September 2026*', OWNERS],
      // The real table says "March, 2027**"; month precision is normalised to "March 2027".
      [`[2.0](${R}/v2.0.10)`, 'LTS', 'November 5, 2024', 'March 2027**', OWNERS],
      [`[2.1](${R}/v2.1.9)`, 'End of Life', 'May 7, 2025', 'July 3, 2026', ''],
      [`[2.2](${R}/v2.2.5)`, 'Active', 'November 5, 2025', 'November 6, 2026', '@containerd/committers'],
      [`[2.3](${R}/v2.3.2)`, 'LTS', 'April 30, 2026', 'April 30, 2028', '@containerd/committers'],
      [
        '[2.4](https://github.com/containerd/containerd/milestone/51)',
        '_Future_',
        'August 26, 2026 (_tentative_)',
        'April 26, 2027 (_tentative_)',
        '@containerd/committers',
      ],
    ]);
  });

  it('writes the header and aligns every column', () => {
    const lines = md.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\| Release +\| Status +\| Start +\| End of Life +\| Owners +\|$/);
    expect(lines[1]).toMatch(/^\|-+\|-+\|-+\|-+\|-+\|$/);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    const pipes = (l: string) => [...l].flatMap((c, i) => (c === '|' ? [i] : []));
    for (const l of lines) expect(pipes(l)).toEqual(pipes(lines[0]));
  });

  it('falls back to the bare cycle without a tag or milestone and honours another repository', () => {
    const md2 = renderReleasesTable([{ cycle: '3.0', status: '_Future_', start: null, endOfLife: null, owners: [] }]);
    expect(parseMarkdownTableCells(md2)).toEqual([['3.0', '_Future_', '', '', '']]);
    const md3 = renderReleasesTable([REAL_ROWS[6]], { repoUrl: 'https://github.com/example/rt' });
    expect(md3).toContain('[2.3](https://github.com/example/rt/releases/tag/v2.3.2)');
  });
});

describe('renderKubernetesTable', () => {
  it('reproduces the real Kubernetes support cells', () => {
    const md = renderKubernetesTable([...REAL_K8S_ROWS].reverse());
    expect(md.split('\n')[0]).toMatch(/^\| Kubernetes Version \| containerd Version +\| CRI Version \|$/);
    expect(parseMarkdownTableCells(md)).toEqual([
      ['1.32', '2.1.0+, 2.0.1+, 1.7.24+, 1.6.36+', 'v1'],
      ['1.33', '2.1.0+, 2.0.4+, 1.7.24+, 1.6.36+', 'v1'],
      ['1.34', '2.1.3+, 2.0.6+, 1.7.28+, 1.6.39+', 'v1'],
      ['1.35', '2.2.0+, 2.1.5+, 1.7.28+', 'v1'],
      ['1.36', '2.3.0+, 2.2.0+', 'v1'],
    ]);
  });
});

describe('statusWord', () => {
  it('maps phases to the words the project uses', () => {
    expect(statusWord('END_OF_LIFE', true)).toBe('End of Life');
    expect(statusWord('EXTENDED', true)).toBe('LTS');
    expect(statusWord('EXTENDED', false)).toBe('Extended');
    expect(statusWord('ACTIVE', false)).toBe('Active');
    expect(statusWord('BETA', false)).toBe('_Future_');
  });
});

describe('flattenMarkdownText: a note people typed stays one harmless line', () => {
  it('flattens line breaks, escapes HTML and pipes, keeps links', () => {
    expect(flattenMarkdownText('Extended support by [@samuelkarp](https://github.com/samuelkarp).  Changes may not be accepted.')).toBe(
      'Extended support by [@samuelkarp](https://github.com/samuelkarp).  Changes may not be accepted.',
    );
    expect(flattenMarkdownText('first line\r\n\r\n# Heading\n| a | b |\n<script>alert(1)</script>')).toBe('first line # Heading \\| a \\| b \\| &lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
