import { z } from 'zod';
import { isCycleName, parseCycle, parseVersion } from '../cadence/parse-versions';
import { idProblem, textProblem, yearProblem } from './input-rules';

// The input rules as zod schemas, for request shapes (query strings, forms, bodies): their
// messages name the field through zod's path, like every other validation error.

const refineWith = (check: (value: string) => string | null) => (value: string, ctx: z.RefinementCtx) => {
  const problem = check(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

/** A string of at most `max` characters that the database can store (no NUL, no lone surrogate). */
export const storableText = (max: number) => z.string().max(max).superRefine(refineWith(textProblem));

/** An id from a query string or form ("12"), within its integer column. */
export const idText = z.string().superRefine(refineWith(idProblem)).transform(Number);

/** A YYYY-MM-DD a person typed, in SANE_YEARS. */
export const saneDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .superRefine(refineWith(yearProblem));

/** A release cycle name as stored ("2.3"), checked by the one version parser. */
export const cycleName = (message = 'expected a release cycle such as 2.3') => z.string().refine(isCycleName, message);

/** A Kubernetes minor ("1.35", "v1.35"). */
export const kubernetesMinor = (message = 'expected a Kubernetes minor such as 1.35') => z.string().refine((value) => parseCycle(value) !== null, message);

/** A runtime version ("2.1.4", "v2.3.0-rc.1") or cycle ("2.1"). */
export const versionOrCycle = (message = 'expected a version such as 2.1.4 or a cycle such as 2.1') =>
  z.string().refine((value) => parseCycle(value) !== null || parseVersion(value) !== null, message);
