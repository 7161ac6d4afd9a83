import { describe, expect, it } from 'vitest';
import { checkUpgradePath } from './check-upgrade-path';
import { REAL_CYCLES } from './test-fixtures';

describe('checkUpgradePath', () => {
  it('allows the next minor, including across a major (1.7 has no 1.8)', () => {
    expect(checkUpgradePath(REAL_CYCLES, '2.0', '2.1')).toMatchObject({ allowed: true, rule: 'sequential', path: ['2.0', '2.1'] });
    expect(checkUpgradePath(REAL_CYCLES, '1.7', '2.0')).toMatchObject({ allowed: true, rule: 'sequential' });
  });

  it('refuses a skipped minor and suggests the sequential path', () => {
    const a = checkUpgradePath(REAL_CYCLES, '2.1', '2.3');
    expect(a).toMatchObject({ allowed: false, rule: 'skips-releases', path: ['2.1', '2.2', '2.3'] });
    expect(a.message).toBe('2.1 → 2.3 skips 2.2; upgrade via 2.1 → 2.2 → 2.3');
  });

  it('allows an LTS straight to the next LTS', () => {
    const a = checkUpgradePath(REAL_CYCLES, '2.0', '2.3');
    expect(a).toMatchObject({ allowed: true, rule: 'lts-to-next-lts', path: ['2.0', '2.3'] });
    expect(a.message).toBe('2.0 → 2.3 is supported: 2.3 is the next LTS after 2.0');
  });

  it('answers 1.7 → 2.3 through 2.0, since 2.0 became an LTS in between', () => {
    const a = checkUpgradePath(REAL_CYCLES, '1.7', '2.3');
    expect(a.allowed).toBe(false);
    expect(a.path).toEqual(['1.7', '2.0', '2.3']);
    expect(a.message).toBe('1.7 → 2.3 skips 2.0, 2.1, 2.2 and 2.3 is not the next LTS after 1.7 (2.0 is); upgrade via 1.7 → 2.0 → 2.3');
  });

  it('allows 1.7 → 2.3 directly when 2.0 is not an LTS', () => {
    const cycles = REAL_CYCLES.map((c) => (c.cycle === '2.0' ? { ...c, isLts: false } : c));
    expect(checkUpgradePath(cycles, '1.7', '2.3')).toMatchObject({ allowed: true, rule: 'lts-to-next-lts' });
  });

  it('combines LTS hops and minor steps, whatever the input order', () => {
    const a = checkUpgradePath([...REAL_CYCLES].reverse(), '1.6', '2.4');
    expect(a.path).toEqual(['1.6', '1.7', '2.0', '2.3', '2.4']);
  });

  it('refuses downgrades and unknown releases', () => {
    expect(checkUpgradePath(REAL_CYCLES, '2.3', '2.1')).toMatchObject({ allowed: false, rule: 'downgrade', path: [] });
    expect(checkUpgradePath(REAL_CYCLES, '1.5', '2.9')).toMatchObject({ allowed: false, rule: 'unknown-release', message: 'Unknown release 1.5 and 2.9' });
    expect(checkUpgradePath(REAL_CYCLES, '2.2', '2.2')).toMatchObject({ allowed: true, rule: 'same-release' });
  });
});
