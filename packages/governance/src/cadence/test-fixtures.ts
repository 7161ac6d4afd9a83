// containerd's real policies and release data, shared by the tests (not part of the public API).
import type { KubernetesMatrixRow } from './query-kubernetes-matrix';
import type { ReleasePolicy } from './policy-rules';

export const V1_RULES = {
  cadence: { months: [5, 11] },
  betaLeadWeeks: { min: 8, max: 10 },
  rcLeadWeeks: { min: 2, max: 4 },
  regularSupport: { kind: 'longer-of', monthsAfterGa: 12, monthsAfterNextMinor: 6 },
  lts: { designation: 'any', gaMonth: null, minOwners: 2, minSupportMonths: 24, extendedSupportMonthsWithoutOwners: null },
  releaseOwners: null,
} as const;

export const V2_RULES = {
  cadence: { months: [4, 8, 12] },
  betaLeadWeeks: { min: 8, max: 10 },
  rcLeadWeeks: { min: 2, max: 4 },
  regularSupport: { kind: 'months-after-ga', months: 8 },
  lts: { designation: 'one-per-year', gaMonth: 4, minOwners: 2, minSupportMonths: 24, extendedSupportMonthsWithoutOwners: 6 },
  releaseOwners: { minOwners: 2, fromPhase: 'BETA', experiencedOwnerMinPriorReleases: 2 },
} as const;

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export const POLICY_V1: ReleasePolicy = {
  version: 1,
  name: '6-month era',
  effectiveFrom: '2017-12-05',
  firstCycle: null,
  rules: clone(V1_RULES) as unknown as ReleasePolicy['rules'],
};

export const POLICY_V2: ReleasePolicy = {
  version: 2,
  name: '4-month cadence',
  effectiveFrom: '2026-04-01',
  firstCycle: '2.3',
  rules: clone(V2_RULES) as unknown as ReleasePolicy['rules'],
};

export const POLICIES: ReleasePolicy[] = [POLICY_V2, POLICY_V1];

// containerd's real tags (prisma/seed/containerd/tags.tsv), each on the tagger's own day.
export const REAL_TAGS = [
  { tag: 'v1.7.0-beta.0', date: '2022-10-25' },
  { tag: 'v1.7.0-rc.0', date: '2023-02-27' },
  { tag: 'v1.7.0', date: '2023-03-10' },
  { tag: 'v2.1.0-beta.0', date: '2025-03-17' },
  { tag: 'v2.1.0-rc.0', date: '2025-04-25' },
  { tag: 'v2.1.0', date: '2025-05-07' },
  { tag: 'v2.2.0-beta.0', date: '2025-09-18' },
  { tag: 'v2.2.0-rc.0', date: '2025-10-29' },
  { tag: 'v2.2.0', date: '2025-11-05' },
  { tag: 'v2.3.0-beta.0', date: '2026-03-17' },
  { tag: 'v2.3.0-rc.0', date: '2026-04-27' },
  { tag: 'v2.3.0', date: '2026-04-30' },
];

const row = (kubernetesVersion: string, mins: string[]): KubernetesMatrixRow => ({
  kubernetesVersion,
  criVersion: 'v1',
  entries: mins.map((m) => ({ cycle: m.split('.').slice(0, 2).join('.'), minimumVersion: m })),
});

export const REAL_K8S_ROWS: KubernetesMatrixRow[] = [
  row('1.32', ['2.1.0', '2.0.1', '1.7.24', '1.6.36']),
  row('1.33', ['2.1.0', '2.0.4', '1.7.24', '1.6.36']),
  row('1.34', ['2.1.3', '2.0.6', '1.7.28', '1.6.39']),
  row('1.35', ['2.2.0', '2.1.5', '1.7.28']),
  row('1.36', ['2.3.0', '2.2.0']),
];

export const REAL_CYCLES = [
  { cycle: '1.6', isLts: false },
  { cycle: '1.7', isLts: true },
  { cycle: '2.0', isLts: true },
  { cycle: '2.1', isLts: false },
  { cycle: '2.2', isLts: false },
  { cycle: '2.3', isLts: true },
  { cycle: '2.4', isLts: false },
];
