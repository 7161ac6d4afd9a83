import { z } from 'zod';
import type { UpdateCycleSupportInput } from '@shepherd/governance';

// The request shapes of a cycle's support edit: the JSON body of
// PATCH /api/projects/{project}/cycles/{cycle} and the edit form's fields.

/** A planned date as people write it: a day, or a month with precision "month". */
export const SupportDate = z
  .object({
    date: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'expected YYYY-MM-DD, or YYYY-MM with precision "month"'),
    precision: z.enum(['day', 'month']).default('day'),
    tentative: z.boolean().default(false),
  })
  .strict();

export const CycleSupportPatch = z
  .object({
    endOfActiveSupport: SupportDate.nullable().optional(),
    endOfLife: SupportDate.nullable().optional(),
    extendedSupportNote: z.string().max(2000).nullable().optional(),
    note: z.string().max(500).nullable().optional(),
  })
  .strict();

type Patch = z.infer<typeof CycleSupportPatch>;

/** A form/API date → the domain's (DAY/MONTH precision); undefined and null pass through. */
export const toDate = (value: z.infer<typeof SupportDate> | null | undefined) =>
  value === undefined ? undefined : value === null ? null : { date: value.date, precision: value.precision === 'month' ? ('MONTH' as const) : ('DAY' as const), tentative: value.tentative };

export function toUpdateInput(project: string, cycle: string, patch: Patch): UpdateCycleSupportInput {
  return {
    project,
    cycle,
    endOfActiveSupport: toDate(patch.endOfActiveSupport),
    endOfLife: toDate(patch.endOfLife),
    extendedSupportNote: patch.extendedSupportNote,
    note: patch.note,
  };
}

/** The edit form's fields → the same patch (an empty date clears it). */
export function patchFromForm(form: FormData): Patch {
  const date = (prefix: string) => {
    const value = String(form.get(`${prefix}Date`) ?? '').trim();
    if (!value) return null;
    return { date: value, precision: form.get(`${prefix}Precision`) === 'month' ? 'month' : 'day', tentative: form.get(`${prefix}Tentative`) === 'on' };
  };
  return CycleSupportPatch.parse({
    endOfActiveSupport: date('endOfActiveSupport'),
    endOfLife: date('endOfLife'),
    extendedSupportNote: String(form.get('extendedSupportNote') ?? ''),
    note: String(form.get('note') ?? '') || null,
  });
}
