import { z } from 'zod';
import { cycleName } from '@shepherd/governance';
import { PLAN_MILESTONES, type CyclePlanEdit, type PlanMilestone } from '@shepherd/governance/planning/edit-plan';
import { SupportDate, toDate } from './support';

// The request shapes of a planner edit: the JSON body of PATCH /api/projects/{project}/cycles/{cycle}/plan
// and the planner form's fields, both turned into the same CyclePlanEdit.

const MilestonePatch = z
  .object({
    planned: SupportDate.nullable().optional(),
    actual: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').nullable().optional(),
  })
  .strict();

const Owners = z.array(z.string().max(80)).max(10);

export const CyclePlanPatch = z
  .object({
    milestones: z.partialRecord(z.enum(PLAN_MILESTONES), MilestonePatch).optional(),
    releaseOwners: Owners.optional(),
    ltsOwners: Owners.optional(),
    isLts: z.boolean().optional(),
    note: z.string().max(500).nullable().optional(),
  })
  .strict();

export const AddCycleBody = z.object({ cycle: cycleName('expected a release cycle such as 2.5'), note: z.string().max(500).nullable().optional() }).strict();

type Patch = z.infer<typeof CyclePlanPatch>;

export function toPlanEdit(project: string, cycle: string, patch: Patch): CyclePlanEdit {
  const milestones = Object.fromEntries(
    Object.entries(patch.milestones ?? {}).map(([kind, edit]) => [
      kind,
      {
        actual: edit.actual,
        planned: toDate(edit.planned),
      },
    ]),
  ) as CyclePlanEdit['milestones'];
  return { project, cycle, milestones, releaseOwners: patch.releaseOwners, ltsOwners: patch.ltsOwners, isLts: patch.isLts, note: patch.note };
}

const owners = (value: FormDataEntryValue | null) =>
  String(value ?? '')
    .split(/[,\s]+/)
    .filter(Boolean);

/** The planner form → the same patch. Empty date fields clear the date; GA's day is recorded with "Record GA", not here. */
export function patchFromPlanForm(form: FormData): Patch {
  const milestones: Partial<Record<PlanMilestone, z.input<typeof MilestonePatch>>> = {};
  for (const kind of PLAN_MILESTONES) {
    const planned = String(form.get(`${kind}.planned`) ?? '').trim();
    const actual = String(form.get(`${kind}.actual`) ?? '').trim();
    milestones[kind] = {
      planned: planned ? { date: planned, precision: form.get(`${kind}.precision`) === 'month' ? 'month' : 'day', tentative: form.get(`${kind}.tentative`) === 'on' } : null,
      actual: kind === 'GA' ? undefined : actual || null,
    };
  }
  return CyclePlanPatch.parse({
    milestones,
    releaseOwners: owners(form.get('releaseOwners')),
    ltsOwners: owners(form.get('ltsOwners')),
    isLts: form.get('isLts') === 'on',
    note: String(form.get('note') ?? '') || null,
  });
}

/** The planner form's field for a domain path: "milestones.RC.planned.date" → "RC.planned", "milestones.RC.actual" → "RC.actual". */
export function planFieldOf(path: string): string | null {
  const [head, kind, part] = path.split('.');
  if (head === 'milestones' && kind) return `${kind}.${part === 'actual' ? 'actual' : 'planned'}`;
  return ['releaseOwners', 'ltsOwners', 'isLts', 'note'].includes(head) ? head : null;
}
