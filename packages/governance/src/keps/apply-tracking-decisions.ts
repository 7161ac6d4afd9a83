import { z } from 'zod';
import type { PrismaClient } from '../db';
import { invalidArgument } from '../errors';
import { RUNTIME_STAGES } from './parse-tracking-issue';
import { recordStageShipment, setLiaisons, setTrackingState } from './record-tracking';
import { STATE_LABEL, TRACKING_STATES } from './tracking-rules';

// What people decide rather than GitHub reports: which runtime release shipped a stage, a KEP at
// risk or deferred, a cycle's liaisons. A file of decisions until the portal has signed-in forms.

const kep = z.string().regex(/^\d+$/, 'a KEP number such as "4960"');
const decisionsSchema = z.object({
  shipments: z.array(z.object({ kep, stage: z.enum(RUNTIME_STAGES as [string, ...string[]]), cycle: z.string().regex(/^\d+\.\d+$/) })).default([]),
  states: z.array(z.object({ kep, state: z.enum(TRACKING_STATES as [string, ...string[]]) })).default([]),
  liaisons: z.array(z.object({ kubernetesRelease: z.string().regex(/^1\.\d+$/), logins: z.array(z.string().regex(/^[\w-]+(\/[\w.-]+)?$/)) })).default([]),
});

export type TrackingDecisions = z.input<typeof decisionsSchema>;

export async function applyTrackingDecisions(prisma: PrismaClient, options: { projectSlug: string; decisions: unknown; source: string }): Promise<string[]> {
  const parsed = decisionsSchema.safeParse(options.decisions);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidArgument(`${options.source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const { shipments, states, liaisons } = parsed.data;
  const done: string[] = [];
  for (const s of shipments) {
    const state = await recordStageShipment(prisma, { projectSlug: options.projectSlug, kepNumber: s.kep, stage: s.stage, cycleName: s.cycle, source: options.source });
    done.push(`KEP-${s.kep}: ${s.stage} shipped in ${s.cycle} (${STATE_LABEL[state]})`);
  }
  for (const s of states) {
    const state = await setTrackingState(prisma, { projectSlug: options.projectSlug, kepNumber: s.kep, state: s.state as (typeof TRACKING_STATES)[number], source: options.source });
    done.push(`KEP-${s.kep}: ${STATE_LABEL[state]}`);
  }
  for (const l of liaisons) {
    await setLiaisons(prisma, { projectSlug: options.projectSlug, kubernetesRelease: l.kubernetesRelease, logins: l.logins });
    done.push(`Kubernetes ${l.kubernetesRelease} liaisons: ${l.logins.join(', ') || 'none'}`);
  }
  return done;
}
