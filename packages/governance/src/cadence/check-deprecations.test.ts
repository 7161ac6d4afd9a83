import { describe, expect, it } from 'vitest';
import { checkDeprecations, type Deprecation } from './check-deprecations';
import { REAL_CYCLES } from './test-fixtures';

const CYCLES = [...REAL_CYCLES, { cycle: '2.5', isLts: false }];

const REGISTER: Deprecation[] = [
  { component: 'Runtime V1 API and implementation', deprecatedIn: '1.4', removalTarget: '2.0', removed: true },
  { component: 'Go-Plugin library', deprecatedIn: '2.0', removalTarget: '2.1', removed: true },
  { component: 'NRI v0.1.0 plugins', deprecatedIn: '2.0', removalTarget: '2.3', removed: true },
  { component: 'CRI v1alpha2 leftovers', deprecatedIn: '2.2', removalTarget: '2.4', removed: false },
  { component: 'Legacy config v1', deprecatedIn: '2.3', removalTarget: '(May 2029)', removed: false },
  { component: 'Planned too early', deprecatedIn: '2.3', removalTarget: '2.5', removed: false },
  { component: 'Not deprecated yet', deprecatedIn: '2.4', removalTarget: '2.4', removed: false },
  { component: 'No target', deprecatedIn: '2.1', removalTarget: null, removed: false },
];

describe('checkDeprecations', () => {
  const { findings, windows } = checkDeprecations(REGISTER, CYCLES);
  const summary = findings.map((f) => `${f.component} ${f.code} ${f.severity}`);

  it('accepts removals right after an LTS (2.0 after 1.7, 2.1 after 2.0, 2.4 after 2.3)', () => {
    for (const c of ['Runtime V1 API and implementation', 'Go-Plugin library', 'CRI v1alpha2 leftovers']) {
      expect(findings.filter((f) => f.component === c)).toEqual([]);
    }
  });

  it('flags the real NRI v0.1.0 removal in 2.3 as history and a planned 2.5 removal as an error', () => {
    expect(summary).toContain('NRI v0.1.0 plugins REMOVAL_NOT_AFTER_LTS warning');
    expect(summary).toContain('Planned too early REMOVAL_NOT_AFTER_LTS error');
    expect(findings.find((f) => f.component === 'NRI v0.1.0 plugins')!.message).toBe(
      'NRI v0.1.0 plugins: removed in 2.3, but 2.2 is not an LTS; removals belong in the release right after an LTS',
    );
  });

  it('flags removal not after deprecation and non-release targets', () => {
    expect(summary).toContain('Not deprecated yet REMOVAL_BEFORE_DEPRECATION error');
    expect(summary).toContain('Legacy config v1 REMOVAL_TARGET_NOT_A_RELEASE info');
    expect(findings).toHaveLength(4);
  });

  it('lists per release whether it may remove and what', () => {
    const w24 = windows.find((w) => w.cycle === '2.4')!;
    expect(w24).toEqual({
      cycle: '2.4',
      afterLts: '2.3',
      mayRemove: true,
      targeted: ['CRI v1alpha2 leftovers', 'Not deprecated yet'],
      eligible: ['CRI v1alpha2 leftovers', 'Legacy config v1', 'Planned too early', 'No target'],
    });
    expect(windows.map((w) => [w.cycle, w.mayRemove])).toEqual([
      ['1.7', false],
      ['2.0', true],
      ['2.1', true],
      ['2.2', false],
      ['2.3', false],
      ['2.4', true],
      ['2.5', false],
    ]);
  });

  it('cannot judge a target outside the known releases', () => {
    const r = checkDeprecations([{ component: 'x', deprecatedIn: '2.4', removalTarget: '3.0', removed: false }], CYCLES);
    expect(r.findings.map((f) => f.code)).toEqual(['REMOVAL_TARGET_UNKNOWN']);
  });
});
