import { z } from 'zod';
import { cycleName as cycleNameRule, invalidArgument, parseLogins, readGithubConfig, RUNTIME_STAGES, TRACKING_STATES, WRITE_BACK_KINDS, type KepTrackingUpdate } from '@shepherd/governance';

// The request shapes of the KEP decisions and write-back: the JSON bodies of
// PATCH /api/projects/{project}/keps/{number}, PUT …/keps/liaisons/{release} and
// POST …/keps/{number}/write-back, and the KEP page's and liaison board's forms.

const note = z.string().max(500).nullable().optional();
const logins = z.array(z.string().max(80)).max(10);
const cycleName = cycleNameRule('a release cycle such as 2.4');

export const KepTrackingPatch = z
  .object({
    state: z.enum(TRACKING_STATES as [string, ...string[]]).optional(),
    shipment: z.object({ stage: z.enum(RUNTIME_STAGES as [string, ...string[]]), cycle: cycleName }).strict().optional(),
    shepherds: logins.max(2, 'a KEP has one or two shepherds').optional(),
    note,
  })
  .strict();

export const LiaisonsPut = z.object({ logins, note }).strict();

export const WriteBackBody = z
  .object({
    kind: z.enum(WRITE_BACK_KINDS),
    /** Default true: only a request that says `dryRun: false` is sent. */
    dryRun: z.boolean().default(true),
    pullRequest: z.number().int().positive().optional(),
    cycle: cycleName.optional(),
    note,
  })
  .strict();

export function toTrackingUpdate(project: string, kepNumber: string, patch: z.infer<typeof KepTrackingPatch>): KepTrackingUpdate {
  return {
    projectSlug: project,
    kepNumber,
    state: patch.state as KepTrackingUpdate['state'],
    shipment: patch.shipment as KepTrackingUpdate['shipment'],
    shepherds: patch.shepherds && parseLogins(patch.shepherds.join(' '), 'shepherds'),
    note: patch.note,
  };
}

/** A write-back body → what planWriteBack and sendWriteBack take: the input, GitHub's config, and the options. */
export function toWriteBack(project: string, kepNumber: string, body: z.infer<typeof WriteBackBody>, day: string) {
  const config = readGithubConfig();
  return {
    input: { projectSlug: project, kepNumber, kind: body.kind, pullRequest: body.pullRequest, cycle: body.cycle },
    config,
    options: { apiUrl: config.apiUrl, today: new Date(`${day}T00:00:00Z`) },
  };
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

/** The KEP page's decision forms → the same patch; `decision` says which form was sent. */
export function patchFromForm(form: FormData) {
  const decision = text(form, 'decision');
  const note = text(form, 'note') || null;
  if (decision === 'state') return KepTrackingPatch.parse({ state: text(form, 'state'), note });
  if (decision === 'shipment') return KepTrackingPatch.parse({ shipment: { stage: text(form, 'stage'), cycle: text(form, 'cycle') }, note });
  if (decision === 'shepherds') return KepTrackingPatch.parse({ shepherds: parseLogins(text(form, 'shepherds'), 'shepherds'), note });
  return KepTrackingPatch.parse({ note });
}

export function writeBackFromForm(form: FormData) {
  const pullRequest = text(form, 'pullRequest');
  return WriteBackBody.parse({
    kind: text(form, 'kind'),
    dryRun: form.get('send') !== 'yes',
    ...(pullRequest ? { pullRequest: Number(pullRequest) } : {}),
    ...(text(form, 'cycle') ? { cycle: text(form, 'cycle') } : {}),
    note: text(form, 'note') || null,
  });
}

/** The request the confirm button carries: what the person saw in the dry run. */
export function expectedFromForm(form: FormData) {
  const text = String(form.get('expected') ?? '');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as { method: 'POST' | 'PATCH'; url: string; body: Record<string, unknown> };
  } catch {
    throw invalidArgument('expected: not the JSON of a previewed request', { field: 'expected' });
  }
}
