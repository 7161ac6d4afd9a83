import { z } from 'zod';
import { GovernanceError } from '../errors';
import { isIsoDate, toUtcDate } from './dates';
import { isCycleName } from './parse-versions';
import { isSaneYear, SANE_YEARS } from '../validation/input-rules';

// The shape of ReleasePolicy.rules as stored in the database. Policies are versioned data, so
// everything the engine decides comes from here, never from constants in code. Objects are
// strict: a misspelt key would otherwise be silently ignored and the default behaviour applied.

const month = z.number().int().min(1).max(12);
const weeksRange = z
  .strictObject({ min: z.number().int().min(0), max: z.number().int().min(0) })
  .refine((r) => r.min <= r.max, { message: 'min must not exceed max', path: ['min'] });

export const lifecyclePhaseSchema = z.enum(['FUTURE', 'ALPHA', 'BETA', 'RC', 'ACTIVE', 'EXTENDED', 'END_OF_LIFE']);
export type LifecyclePhase = z.infer<typeof lifecyclePhaseSchema>;

const regularSupportSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('longer-of'),
    monthsAfterGa: z.number().int().min(0),
    monthsAfterNextMinor: z.number().int().min(0),
  }),
  z.strictObject({ kind: z.literal('months-after-ga'), months: z.number().int().min(0) }),
]);

const ltsSchema = z.strictObject({
  designation: z.enum(['any', 'one-per-year']),
  gaMonth: month.nullable(),
  minOwners: z.number().int().min(0),
  minSupportMonths: z.number().int().min(0),
  extendedSupportMonthsWithoutOwners: z.number().int().min(0).nullable(),
});

const releaseOwnersSchema = z.strictObject({
  minOwners: z.number().int().min(0),
  fromPhase: lifecyclePhaseSchema,
  experiencedOwnerMinPriorReleases: z.number().int().min(0),
});

export const policyRulesSchema = z
  .strictObject({
    cadence: z.strictObject({
      months: z
        .array(month)
        .min(1)
        .refine((ms) => new Set(ms).size === ms.length, { message: 'months must not repeat' }),
    }),
    betaLeadWeeks: weeksRange,
    rcLeadWeeks: weeksRange,
    regularSupport: regularSupportSchema,
    lts: ltsSchema,
    releaseOwners: releaseOwnersSchema.nullable(),
  })
  .superRefine((rules, ctx) => {
    // Cross-field rules: an annual LTS needs a month, and that month must be a release month.
    const { designation, gaMonth } = rules.lts;
    if (designation === 'one-per-year' && gaMonth === null) {
      ctx.addIssue({ code: 'custom', path: ['lts', 'gaMonth'], message: 'required when designation is "one-per-year"' });
    }
    if (gaMonth !== null && !rules.cadence.months.includes(gaMonth)) {
      ctx.addIssue({ code: 'custom', path: ['lts', 'gaMonth'], message: `month ${gaMonth} is not in cadence.months` });
    }
    if (rules.rcLeadWeeks.max > rules.betaLeadWeeks.max) {
      ctx.addIssue({ code: 'custom', path: ['rcLeadWeeks', 'max'], message: 'RC cannot start before the beta window' });
    }
  });

export type PolicyRules = z.infer<typeof policyRulesSchema>;

export interface ReleasePolicy {
  version: number;
  name: string;
  /** YYYY-MM-DD */
  effectiveFrom: string;
  /** The first minor the policy governs, e.g. "2.3"; never applied to an earlier one. */
  firstCycle: string | null;
  rules: PolicyRules;
}

export const releasePolicySchema = z.strictObject({
  version: z.number().int().positive(),
  name: z.string().min(1),
  // A Prisma @db.Date arrives as a Date at UTC midnight; keep only its calendar day.
  effectiveFrom: z.union([
    z.string().refine(isIsoDate, { message: 'expected a YYYY-MM-DD date' }).refine(isSaneYear, { message: `expected a year from ${SANE_YEARS.from} to ${SANE_YEARS.to}` }),
    z.date().transform((d) => toUtcDate(d)),
  ]),
  firstCycle: z.string().refine(isCycleName, 'expected major.minor').nullable(),
  rules: policyRulesSchema,
});

export interface PolicyIssue {
  path: string;
  message: string;
}

/** A zod issue path as people write it: `policies[1].rules.cadence.months[0]`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  );
}

function toIssues(error: z.ZodError): PolicyIssue[] {
  return error.issues.map((i) => ({ path: formatPath(i.path) || '(root)', message: i.message }));
}

export type PolicyParseResult<T> = { ok: true; value: T } | { ok: false; issues: PolicyIssue[] };

export function safeParsePolicyRules(raw: unknown): PolicyParseResult<PolicyRules> {
  const r = policyRulesSchema.safeParse(raw);
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: toIssues(r.error) };
}

function fail(what: string, issues: PolicyIssue[]): never {
  const text = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new GovernanceError('invalid_argument', `Invalid ${what}: ${text}`, { issues });
}

/** Validates stored rules JSON; throws invalid_argument naming every bad field path. */
export function parsePolicyRules(raw: unknown): PolicyRules {
  const r = safeParsePolicyRules(raw);
  return r.ok ? r.value : fail('policy rules', r.issues);
}

export function parseReleasePolicy(raw: unknown): ReleasePolicy {
  const r = releasePolicySchema.safeParse(raw);
  return r.success ? r.data : fail('release policy', toIssues(r.error));
}
