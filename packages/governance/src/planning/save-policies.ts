import { dateOf, type PrismaClient } from '../db';
import { failedPrecondition, invalidArgument } from '../errors';
import { runMutation } from '../audit/run-mutation';
import { actorName, type Actor } from '../auth/actor';
import { assertSignedIn } from '../auth/authorize';
import { formatProjectDate } from '../cadence/dates';
import type { ReleasePolicy } from '../cadence/policy-rules';
import type { WhatIfResult } from '../cadence/what-if-schedule';
import { previewPoliciesOn } from './get-release-plan';
import { loadPlanningData } from './load-planning-data';
import { parsePoliciesBody } from './planning-queries';
import { invalidatePublicCaches } from '../eol/public-cache';

// Saving what the what-if editor previewed. A policy already in force has governed real releases,
// so it is history: it can be neither changed nor removed, only followed by a new version. Policies
// not yet in force may be edited or withdrawn. The save is one audited transaction.

const same = (a: ReleasePolicy, b: ReleasePolicy) => JSON.stringify(a) === JSON.stringify(b);

export interface SavedPolicies {
  policies: ReleasePolicy[];
  /** The schedule change the save made (what the preview showed). */
  preview: WhatIfResult;
  created: number[];
  updated: number[];
  removed: number[];
}

export async function savePolicies(prisma: PrismaClient, actor: Actor, slug: string, body: unknown, today: string): Promise<SavedPolicies> {
  assertSignedIn(actor);
  const planning = await loadPlanningData(prisma, slug, today);
  const { project, policies: existing } = planning;
  const { policies, note } = parsePoliciesBody(body);
  const inForce = (policy: ReleasePolicy) => policy.effectiveFrom <= today;
  const highestVersion = Math.max(0, ...existing.map((policy) => policy.version));

  const created: ReleasePolicy[] = [];
  const updated: ReleasePolicy[] = [];
  policies.forEach((policy, index) => {
    const field = `policies.${index}`;
    if (policies.findIndex((other) => other.version === policy.version) !== index) {
      throw invalidArgument(`body.${field}.version: version ${policy.version} appears twice`, { field: `${field}.version` });
    }
    const stored = existing.find((candidate) => candidate.version === policy.version);
    if (stored && same(stored, policy)) return;
    if (stored && inForce(stored)) {
      throw failedPrecondition(
        `body.${field}: policy v${stored.version} ("${stored.name}") is in force since ${formatProjectDate(stored.effectiveFrom)} and has governed releases; add a new version instead of changing it`,
        { field },
      );
    }
    if (policy.effectiveFrom >= today) {
      (stored ? updated : created).push(policy);
      return;
    }
    throw invalidArgument(`body.${field}.effectiveFrom: ${policy.effectiveFrom} is in the past; a new policy takes effect today (${today}) or later`, {
      field: `${field}.effectiveFrom`,
    });
  });
  for (const policy of created) {
    if (policy.version <= highestVersion) {
      throw invalidArgument(`body.policies: a new policy needs a version above ${highestVersion} (got v${policy.version})`, { field: 'policies' });
    }
  }
  const removed = existing.filter((policy) => !policies.some((candidate) => candidate.version === policy.version));
  const removedInForce = removed.find(inForce);
  if (removedInForce) {
    throw failedPrecondition(`body.policies: policy v${removedInForce.version} ("${removedInForce.name}") is in force and cannot be removed`, { field: 'policies' });
  }
  if (created.length + updated.length + removed.length === 0) throw invalidArgument('body.policies: nothing to save, the candidate policies equal the stored ones', { field: 'policies' });

  // A policy decides every later release's dates: why it changed belongs in the record.
  if (!note?.trim()) throw invalidArgument('note: say why the policy changes (it is recorded in the audit log with the change)', { field: 'note' });

  const preview = previewPoliciesOn(planning, policies);
  const source = `saved by ${actorName(actor)} on ${today}`;
  const data = (policy: ReleasePolicy) => ({ name: policy.name, effectiveFrom: dateOf(policy.effectiveFrom), firstCycle: policy.firstCycle, rules: policy.rules, source });
  const outcome = await runMutation(
    prisma,
    actor,
    { action: 'policy.update', resource: { projectId: project.id }, target: `${project.slug} release policy`, note },
    async (tx) => {
      for (const policy of created) await tx.releasePolicy.create({ data: { projectId: project.id, version: policy.version, ...data(policy) } });
      for (const policy of updated) await tx.releasePolicy.update({ where: { projectId_version: { projectId: project.id, version: policy.version } }, data: data(policy) });
      if (removed.length) await tx.releasePolicy.deleteMany({ where: { projectId: project.id, version: { in: removed.map((policy) => policy.version) } } });
      const saved = [...policies].sort((a, b) => a.version - b.version);
      return {
        before: existing,
        after: saved,
        result: { policies: saved, preview, created: created.map((p) => p.version), updated: updated.map((p) => p.version), removed: removed.map((p) => p.version) },
      };
    },
  );
  // A project without a support table has its support dates computed from the policy.
  invalidatePublicCaches();
  return outcome;
}
