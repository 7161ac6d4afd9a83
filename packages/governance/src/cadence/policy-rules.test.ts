import { describe, expect, it } from 'vitest';
import { GovernanceError } from '../errors';
import { parsePolicyRules, parseReleasePolicy, safeParsePolicyRules } from './policy-rules';
import { V1_RULES, V2_RULES } from './test-fixtures';

const clone = <T>(v: T): any => JSON.parse(JSON.stringify(v));

describe('policy rules schema', () => {
  it('accepts both real containerd policies unchanged', () => {
    expect(parsePolicyRules(clone(V1_RULES))).toEqual(V1_RULES);
    expect(parsePolicyRules(clone(V2_RULES))).toEqual(V2_RULES);
  });

  it('names the field path of a wrong type', () => {
    const bad = clone(V2_RULES);
    bad.betaLeadWeeks.min = '8';
    expect(() => parsePolicyRules(bad)).toThrow(/betaLeadWeeks\.min/);
  });

  it('throws an invalid_argument GovernanceError carrying every issue', () => {
    const bad = clone(V1_RULES);
    bad.cadence.months = [5, 13];
    delete bad.rcLeadWeeks;
    try {
      parsePolicyRules(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(GovernanceError);
      expect((e as GovernanceError).code).toBe('invalid_argument');
      const paths = ((e as GovernanceError).details!.issues as { path: string }[]).map((i) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['cadence.months[1]', 'rcLeadWeeks']));
    }
  });

  it('rejects unknown keys (a typo must not silently fall back to defaults)', () => {
    const bad = clone(V2_RULES);
    bad.lts.gaMonths = 4;
    const r = safeParsePolicyRules(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].path).toBe('lts');
  });

  it('rejects an unknown regular-support kind at regularSupport.kind', () => {
    const bad = clone(V2_RULES);
    bad.regularSupport = { kind: 'forever' };
    expect(() => parsePolicyRules(bad)).toThrow(/regularSupport\.kind/);
  });

  it('checks cross-field rules with the field path', () => {
    const noMonth = clone(V2_RULES);
    noMonth.lts.gaMonth = null;
    expect(() => parsePolicyRules(noMonth)).toThrow(/lts\.gaMonth: required/);
    const offCadence = clone(V2_RULES);
    offCadence.lts.gaMonth = 5;
    expect(() => parsePolicyRules(offCadence)).toThrow(/lts\.gaMonth: month 5 is not in cadence\.months/);
    const inverted = clone(V1_RULES);
    inverted.betaLeadWeeks = { min: 10, max: 8 };
    expect(() => parsePolicyRules(inverted)).toThrow(/betaLeadWeeks\.min: min must not exceed max/);
  });

  it('rejects a non-object at the root', () => {
    expect(() => parsePolicyRules('{}')).toThrow(/\(root\)/);
  });
});

describe('release policy', () => {
  it('accepts a database row with a Date effectiveFrom and keeps the UTC day', () => {
    const p = parseReleasePolicy({
      version: 2,
      name: '4-month cadence',
      effectiveFrom: new Date(Date.UTC(2026, 3, 1)),
      firstCycle: '2.3',
      rules: clone(V2_RULES),
    });
    expect(p.effectiveFrom).toBe('2026-04-01');
  });
  it('names a bad effectiveFrom and firstCycle', () => {
    expect(() =>
      parseReleasePolicy({ version: 1, name: 'x', effectiveFrom: '2017-13-05', firstCycle: 'v1', rules: clone(V1_RULES) }),
    ).toThrow(/effectiveFrom: .*YYYY-MM-DD.*firstCycle: expected major\.minor/);
  });
});
