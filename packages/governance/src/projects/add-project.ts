import { z } from 'zod';
import { dateOf, type PrismaClient } from '../db';
import { GovernanceError, invalidArgument } from '../errors';
import { runMutation, writeAuditEvent } from '../audit/run-mutation';
import { actorName, type Actor } from '../auth/actor';
import { compareCycles } from '../cadence/parse-versions';
import { formatPath, releasePolicySchema } from '../cadence/policy-rules';
import { invalidatePublicCaches } from '../eol/public-cache';
import { GITHUB_REPOSITORY } from '../github/handles';
import { cycleName } from '../validation/zod-rules';
import { ImportRejectedError, importReleasesMd, type ImportReport } from '../releases/import-releases-md';
import { importTags, type TagImportReport } from '../releases/import-tags';
import { parseReleasesMd } from '../releases/parse-releases-md';
import { parseTags } from '../releases/parse-tags';
import { getProjectReleases } from '../releases/get-releases';

// Adding a project that ships no seed folder: its name and repository, its versioned release
// policy, its LTS upgrade line, and its release data from a RELEASES.md-style table, a tags file,
// or nothing yet (the GitHub sync brings its tags later). A project with a table has published
// support dates; one without has them computed from its policy (see lifecycle/compute-policy-support).
// The release data is read before anything is written, so a bad file adds nothing.

const cycle = cycleName();

export const projectInputSchema = z.strictObject({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lowercase letters, digits and inner dashes, at most 63 characters (it is part of every URL)'),
  name: z.string().trim().min(1).max(100).optional(),
  repository: z.string().trim().regex(GITHUB_REPOSITORY, 'expected a GitHub repository as owner/name'),
  homepage: z
    .string()
    .trim()
    .url()
    .refine((url) => /^https?:\/\//.test(url), 'expected an http(s) URL')
    .nullable()
    .optional(),
  ltsUpgradeLine: z
    .array(cycle)
    .default([])
    .refine((line) => line.every((name, i) => i === 0 || compareCycles(line[i - 1], name) < 0), 'list the LTS releases oldest first, each once (e.g. 1.7, 2.3)'),
  policies: z.array(z.unknown()).min(1, 'a project needs at least one release policy'),
  releaseData: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('none') }),
    z.strictObject({ kind: z.literal('releases-md'), text: z.string(), source: z.string().min(1) }),
    z.strictObject({ kind: z.literal('tags'), text: z.string(), source: z.string().min(1) }),
  ]),
});

export type ProjectInput = z.input<typeof projectInputSchema>;

/** Validates the input, naming the first bad field (`policies[0].rules.cadence.months`, `slug`, …). */
export function parseProjectInput(raw: unknown) {
  const parsed = projectInputSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = formatPath(issue.path) || '(root)';
    throw invalidArgument(`${field}: ${issue.message}`, { field });
  }
  const policies = parsed.data.policies.map((policy, index) => {
    const result = releasePolicySchema.safeParse(policy);
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = formatPath(['policies', index, ...issue.path]);
      throw invalidArgument(`${field}: ${issue.message}`, { field });
    }
    return result.data;
  });
  const versions = policies.map((policy) => policy.version);
  const repeated = versions.find((version, i) => versions.indexOf(version) !== i);
  if (repeated !== undefined) throw invalidArgument(`policies: version ${repeated} appears twice (each policy version is a separate record)`, { field: 'policies' });
  return { ...parsed.data, name: parsed.data.name ?? parsed.data.slug, homepage: parsed.data.homepage ?? null, policies };
}

export interface AddProjectReport {
  slug: string;
  name: string;
  repository: string;
  supportDates: 'PUBLISHED' | 'COMPUTED';
  policies: number[];
  imported: { kind: 'releases-md'; report: ImportReport } | { kind: 'tags'; report: TagImportReport } | null;
  /** Released cycles without computed support dates, and why. */
  notes: string[];
}

export async function addProject(prisma: PrismaClient, actor: Actor, raw: unknown, options: { now?: Date; today?: string } = {}): Promise<AddProjectReport> {
  const input = parseProjectInput(raw);
  const { releaseData } = input;
  // Read the release data first: a file with a bad row adds nothing, and says where it is wrong.
  if (releaseData.kind === 'releases-md') {
    const problems = parseReleasesMd(releaseData.text).problems;
    if (problems.length) throw new ImportRejectedError(releaseData.source, problems);
  } else if (releaseData.kind === 'tags') {
    const problems = parseTags(releaseData.text).problems;
    if (problems.length) throw new ImportRejectedError(releaseData.source, problems);
  }
  const supportDates = releaseData.kind === 'releases-md' ? 'PUBLISHED' : 'COMPUTED';

  const project = await runMutation(
    prisma,
    actor,
    { action: 'project.create', resource: {}, target: input.slug },
    async (tx) => {
      const existing = await tx.project.findUnique({ where: { slug: input.slug } });
      if (existing) throw new GovernanceError('already_exists', `slug: a project "${input.slug}" already exists (${existing.repository})`, { field: 'slug' });
      const sameRepository = await tx.project.findFirst({ where: { repository: { equals: input.repository, mode: 'insensitive' } } });
      if (sameRepository) throw new GovernanceError('already_exists', `repository: ${input.repository} is already the repository of project "${sameRepository.slug}"`, { field: 'repository' });
      const created = await tx.project.create({
        data: {
          slug: input.slug,
          name: input.name,
          repository: input.repository,
          homepage: input.homepage,
          ltsUpgradeLine: input.ltsUpgradeLine,
          supportDates,
          addedBy: actorName(actor),
          policies: {
            create: input.policies.map((policy) => ({
              version: policy.version,
              name: policy.name,
              effectiveFrom: dateOf(policy.effectiveFrom),
              firstCycle: policy.firstCycle,
              rules: policy.rules as object,
              source: `added by ${actorName(actor)}`,
            })),
          },
        },
      });
      const after = {
        slug: created.slug,
        name: created.name,
        repository: created.repository,
        homepage: created.homepage,
        ltsUpgradeLine: created.ltsUpgradeLine,
        supportDates,
        policies: input.policies.map((policy) => `v${policy.version} ${policy.name} (from ${policy.effectiveFrom})`),
        releaseData: releaseData.kind === 'none' ? 'none yet' : `${releaseData.kind} ${releaseData.source}`,
      };
      return { before: null, after, result: created };
    },
  );
  invalidatePublicCaches();

  let imported: AddProjectReport['imported'] = null;
  try {
    if (releaseData.kind === 'releases-md') {
      imported = { kind: 'releases-md', report: await importReleasesMd(prisma, { projectSlug: project.slug, markdown: releaseData.text, source: releaseData.source, now: options.now }) };
    } else if (releaseData.kind === 'tags') {
      imported = { kind: 'tags', report: await importTags(prisma, { projectSlug: project.slug, tsv: releaseData.text, source: releaseData.source, now: options.now }) };
    }
  } catch (error) {
    // The file was read before the project was created, so this is the database failing: take the
    // project back out rather than leave it half added, and say so in the audit log.
    await prisma.$transaction(async (tx) => {
      await tx.project.delete({ where: { id: project.id } });
      await writeAuditEvent(tx, actor, { action: 'project.remove', target: project.slug, note: `release data import failed: ${(error as Error).message}`, before: { slug: project.slug } });
    });
    invalidatePublicCaches();
    throw error;
  }

  const notes: string[] = [];
  if (supportDates === 'COMPUTED') {
    const { cycles } = await getProjectReleases(prisma, project.slug, options.today ?? new Date().toISOString().slice(0, 10));
    const uncovered = cycles.filter((cycle) => cycle.lifecycle.ga?.happened && !cycle.lifecycle.endOfLife).map((cycle) => cycle.name);
    if (uncovered.length) {
      notes.push(`${uncovered.reverse().join(', ')}: released before any policy took effect, so no support dates were computed (add an earlier policy version, or set their dates on each release page)`);
    }
  }
  return {
    slug: project.slug,
    name: project.name,
    repository: project.repository,
    supportDates,
    policies: input.policies.map((policy) => policy.version),
    imported,
    notes,
  };
}
