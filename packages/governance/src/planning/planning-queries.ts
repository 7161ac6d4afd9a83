import { z } from 'zod';
import type { PrismaClient } from '../db';
import { checkUpgradePath } from '../cadence/check-upgrade-path';
import { kubernetesVersionsForRuntime, runtimeVersionsForKubernetes } from '../cadence/query-kubernetes-matrix';
import { releasePolicySchema, type ReleasePolicy } from '../cadence/policy-rules';
import { invalidArgument, notFound } from '../errors';
import { cycleName, kubernetesMinor, versionOrCycle } from '../validation/zod-rules';
import { getReleasePlan, MAX_SCHEDULED, previewPolicyChange } from './get-release-plan';
import { loadPlanningData } from './load-planning-data';
import { renderReleasesMd } from './render-releases-md';
import { upgradeCycles } from './upgrade-cycles';

// The planning questions the API answers, with their inputs validated here so every caller
// (route handler, page, CLI) gets the same errors naming the bad parameter.

const cycleParam = cycleName('must be a release cycle such as 2.3');
const countParam = z.coerce.number().int().min(1).max(MAX_SCHEDULED);
const kubernetesParam = kubernetesMinor('must be a Kubernetes minor such as 1.35');
const runtimeParam = versionOrCycle('must be a version such as 2.1.4 or a cycle such as 2.1');

function parseParam<T>(name: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const shown = value === undefined || value === null ? 'missing' : `"${String(value)}"`;
    throw invalidArgument(`parameter "${name}" (${shown}): ${parsed.error.issues[0].message}`, { parameter: name });
  }
  return parsed.data;
}

export async function getSchedule(prisma: PrismaClient, slug: string, today: string, count: unknown = 4) {
  const plan = await getReleasePlan(prisma, slug, today, parseParam('count', countParam, count));
  return {
    project: plan.data.project.slug,
    today,
    policies: plan.data.policies,
    lastGa: plan.schedule.anchor,
    releases: plan.schedule.releases,
    warnings: plan.warnings,
  };
}

export async function getAdherence(prisma: PrismaClient, slug: string, today: string) {
  const plan = await getReleasePlan(prisma, slug, today, 1);
  return { project: plan.data.project.slug, ...plan.adherence };
}

export async function getDeprecations(prisma: PrismaClient, slug: string, today: string) {
  const plan = await getReleasePlan(prisma, slug, today, 4);
  return { project: plan.data.project.slug, register: plan.data.deprecations, ...plan.deprecations };
}

export async function checkUpgrade(prisma: PrismaClient, slug: string, today: string, from: unknown, to: unknown) {
  const [fromCycle, toCycle] = [parseParam('from', cycleParam, from), parseParam('to', cycleParam, to)];
  const data = await loadPlanningData(prisma, slug, today);
  const cycles = upgradeCycles(data.project.ltsUpgradeLine, data.cycles);
  for (const [name, value] of [['from', fromCycle], ['to', toCycle]] as const) {
    if (!cycles.some((cycle) => cycle.cycle === value)) {
      throw notFound(`parameter "${name}": ${data.project.name} has no release cycle ${value}`, { parameter: name });
    }
  }
  return { project: data.project.slug, from: fromCycle, to: toCycle, ...checkUpgradePath(cycles, fromCycle, toCycle) };
}

export async function queryKubernetesMatrix(prisma: PrismaClient, slug: string, today: string, query: { kubernetes?: unknown; runtime?: unknown }) {
  const data = await loadPlanningData(prisma, slug, today);
  if (query.kubernetes !== undefined && query.runtime !== undefined) throw invalidArgument('give either "kubernetes" or "runtime", not both', { parameter: 'kubernetes' });
  if (query.kubernetes !== undefined) {
    const version = parseParam('kubernetes', kubernetesParam, query.kubernetes).replace(/^v/, '');
    const answer = runtimeVersionsForKubernetes(data.kubernetes, version);
    if (!answer) {
      const known = data.kubernetes.map((row) => row.kubernetesVersion).join(', ');
      throw notFound(`parameter "kubernetes": Kubernetes ${version} is not in ${data.project.name}'s support matrix (it lists ${known})`, { parameter: 'kubernetes' });
    }
    return { project: data.project.slug, kubernetes: version, ...answer };
  }
  if (query.runtime !== undefined) {
    const version = parseParam('runtime', runtimeParam, query.runtime).replace(/^v/, '');
    return { project: data.project.slug, runtime: version, kubernetes: kubernetesVersionsForRuntime(data.kubernetes, version) };
  }
  return { project: data.project.slug, matrix: data.kubernetes };
}

export async function generateReleasesMd(prisma: PrismaClient, slug: string, today: string): Promise<string> {
  return renderReleasesMd(await loadPlanningData(prisma, slug, today));
}

const policiesBody = z.strictObject({ policies: z.array(z.unknown()).min(1), count: countParam.optional(), note: z.string().max(500).nullable().optional() });

/** Validates a body of candidate policies as stored (version, name, effectiveFrom, firstCycle, rules); errors name the field. */
export function parsePoliciesBody(body: unknown): { policies: ReleasePolicy[]; count?: number; note?: string | null } {
  const parsed = policiesBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidArgument(`body.${issue.path.join('.') || '(root)'}: ${issue.message}`, { field: issue.path.join('.') });
  }
  const policies: ReleasePolicy[] = parsed.data.policies.map((policy, index) => {
    const result = releasePolicySchema.safeParse(policy);
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = ['policies', index, ...issue.path].join('.');
      throw invalidArgument(`body.${field}: ${issue.message}`, { field });
    }
    return result.data as ReleasePolicy;
  });
  return { policies, count: parsed.data.count, note: parsed.data.note };
}

export async function whatIfPolicies(prisma: PrismaClient, slug: string, today: string, body: unknown) {
  const { policies, count } = parsePoliciesBody(body);
  return previewPolicyChange(prisma, slug, today, policies, count ?? 4);
}
