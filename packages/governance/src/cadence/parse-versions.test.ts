import { describe, expect, it } from 'vitest';
import { compareCycles, compareVersions, cycleOf, isCycleName, nextMinor, parseCycle, parseVersion } from './parse-versions';

describe('versions', () => {
  it('parses cycles, releases and pre-release tags', () => {
    expect(parseCycle('2.3')).toEqual({ major: 2, minor: 3 });
    expect(parseCycle('2.3.1')).toBeNull();
    expect(parseVersion('v2.3.0-beta.0')).toEqual({ major: 2, minor: 3, patch: 0, pre: { kind: 'beta', number: 0 } });
    expect(parseVersion('2.1.4')).toMatchObject({ patch: 4, pre: null });
    expect(parseVersion('api/v1.0.0')).toBeNull();
  });
  it('tells a stored cycle name from other spellings, and finds the cycle a milestone title names', () => {
    expect(isCycleName('2.3')).toBe(true);
    expect(isCycleName('10.12')).toBe(true);
    for (const bad of ['v2.3', ' 2.3', '2.3 ', '2.3.0', '2', '2.x', '', '2.3\n', `2.${'9'.repeat(400)}`]) expect(isCycleName(bad)).toBe(false);
    expect(cycleOf('2.4')).toBe('2.4');
    expect(cycleOf('v2.4')).toBe('2.4');
    expect(cycleOf('v2.3.1')).toBe('2.3');
    expect(cycleOf('2.4.0-rc.1')).toBe('2.4');
    expect(cycleOf('02.04')).toBe('2.4');
    expect(cycleOf('backlog')).toBeNull();
    expect(cycleOf(null)).toBeNull();
  });
  it('orders numerically, pre-releases before their release', () => {
    expect(compareCycles('2.10', '2.9')).toBeGreaterThan(0);
    expect(compareCycles('1.7', '2.0')).toBeLessThan(0);
    const v = (s: string) => parseVersion(s)!;
    expect(compareVersions(v('2.3.0-rc.0'), v('2.3.0'))).toBeLessThan(0);
    expect(compareVersions(v('2.3.0-beta.2'), v('2.3.0-rc.0'))).toBeLessThan(0);
    expect(compareVersions(v('2.3.0-rc.10'), v('2.3.0-rc.9'))).toBeGreaterThan(0);
    expect(compareVersions(v('2.1.5'), v('2.1.5'))).toBe(0);
  });
  it('bumps the minor only', () => {
    expect(nextMinor('2.9')).toBe('2.10');
    expect(() => nextMinor('two')).toThrow(/Not a release cycle/);
  });
});
