import type { PrismaClient, Tx } from '../db';
import { runMutation } from '../audit/run-mutation';
import { actorName, type Actor } from '../auth/actor';
import { invalidArgument, notFound } from '../errors';
import { findProject } from '../releases/get-releases';
import { cleanHandles } from '../github/handles';
import { RUNTIME_STAGES, type RuntimeStage } from './parse-tracking-issue';
import { recordStageShipmentIn, setLiaisonsIn, setShepherdsIn, setTrackingStateIn } from './record-tracking';
import { STATE_LABEL, TRACKING_STATES, type TrackingState } from './tracking-rules';

// What people decide rather than GitHub reports, from the portal or the API: a KEP's state (at
// risk, deferred, withdrawn, or back to derived), the runtime release that shipped a stage, its
// shepherds, and a Kubernetes cycle's liaisons. Each is authorized, audited and atomic.

/** "@alice, bob" → ["alice", "bob"]; names the bad entry. */
export function parseLogins(text: string, field: string): string[] {
  const logins = cleanHandles(field, text.split(/[\s,]+/));
  return [...new Map(logins.map((login) => [login.toLowerCase(), login])).values()];
}

export interface KepTrackingUpdate {
  projectSlug: string;
  kepNumber: string;
  state?: TrackingState;
  shipment?: { stage: RuntimeStage; cycle: string };
  shepherds?: string[];
  note?: string | null;
}

async function snapshot(tx: Tx, projectId: number, kepNumber: string) {
  const tracking = await tx.kepTracking.findUnique({ where: { projectId_kepNumber: { projectId, kepNumber } }, include: { shipments: { orderBy: { stage: 'asc' } } } });
  if (!tracking) return null;
  return { state: tracking.state, stateOverride: tracking.stateOverride, shepherds: tracking.shepherds, shipped: tracking.shipments.map((s) => `${s.stage} in ${s.cycleName}`) };
}

/** Applies the given changes together; returns what was done, for the person who asked. */
export async function updateKepTracking(prisma: PrismaClient, actor: Actor, update: KepTrackingUpdate): Promise<string[]> {
  if (update.state !== undefined && !TRACKING_STATES.includes(update.state)) throw invalidArgument(`state: "${update.state}" is not one of ${TRACKING_STATES.join(', ')}`, { field: 'state' });
  if (update.shipment && !RUNTIME_STAGES.includes(update.shipment.stage)) throw invalidArgument(`shipment.stage: "${update.shipment.stage}" is not one of ${RUNTIME_STAGES.join(' | ')}`, { field: 'stage' });
  const project = await findProject(prisma, update.projectSlug);
  const source = `portal (${actorName(actor)})`;
  const common = { projectSlug: update.projectSlug, kepNumber: update.kepNumber, source };
  return runMutation(prisma, actor, { action: 'kep.update', resource: { projectId: project.id, kepNumber: Number(update.kepNumber) }, target: `KEP-${update.kepNumber} in ${project.name}`, note: update.note }, async (tx) => {
    const before = await snapshot(tx, project.id, update.kepNumber);
    if (!before) throw notFound(`${project.name} does not track KEP-${update.kepNumber}: open its tracking issue first`);
    const done: string[] = [];
    let state: TrackingState = before.state;
    if (update.shipment) {
      state = await recordStageShipmentIn(tx, { ...common, stage: update.shipment.stage, cycleName: update.shipment.cycle });
      done.push(`${update.shipment.stage} shipped in ${update.shipment.cycle}`);
    }
    if (update.shepherds) {
      state = await setShepherdsIn(tx, { ...common, shepherds: update.shepherds });
      done.push(`shepherds: ${update.shepherds.map((l) => `@${l}`).join(', ') || 'none'}`);
    }
    if (update.state) {
      state = await setTrackingStateIn(tx, { ...common, state: update.state });
    }
    done.push(`state: ${STATE_LABEL[state]}`);
    return { before, after: await snapshot(tx, project.id, update.kepNumber), result: done };
  });
}

/** Replaces the SIG-Node liaisons of one Kubernetes release cycle (admins and maintainers: `kep.liaisons`). */
export async function updateLiaisons(prisma: PrismaClient, actor: Actor, options: { projectSlug: string; kubernetesRelease: string; logins: string[]; note?: string | null }): Promise<void> {
  const release = /^v?(1\.\d{1,3})$/.exec(options.kubernetesRelease.trim())?.[1];
  if (!release) throw invalidArgument(`kubernetesRelease: "${options.kubernetesRelease}" is not a Kubernetes minor such as 1.37`, { field: 'kubernetesRelease' });
  const project = await findProject(prisma, options.projectSlug);
  const current = (tx: Tx) => tx.kepLiaison.findMany({ where: { projectId: project.id, kubernetesRelease: release }, orderBy: { login: 'asc' } }).then((rows) => rows.map((row) => row.login));
  await runMutation(prisma, actor, { action: 'kep.liaisons', resource: { projectId: project.id }, target: `the Kubernetes ${release} liaisons of ${project.name}`, note: options.note }, async (tx) => {
    const before = await current(tx);
    await setLiaisonsIn(tx, { projectSlug: options.projectSlug, kubernetesRelease: release, logins: options.logins });
    return { before, after: await current(tx), result: undefined };
  });
}
