import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../db/config';
import { dateOf, type PrismaClient } from '../db';
import { importReleasesMd } from '../releases/import-releases-md';
import { importTableHistory } from '../releases/import-table-history';
import { importTags } from '../releases/import-tags';
import { GITHUB_REPOSITORY } from '../github/handles';
import { cycleName } from '../validation/zod-rules';

export const SEED_DIR = path.join(/*turbopackIgnore: true*/ PROJECT_ROOT, 'prisma', 'seed');

const projectSeedSchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  repository: z.string().regex(GITHUB_REPOSITORY),
  homepage: z.string().url().optional(),
  ltsUpgradeLine: z.array(cycleName()).default([]),
  files: z.object({ releasesMd: z.string(), tags: z.string().optional(), tableHistory: z.string().optional() }),
  policies: z.array(
    z.object({
      version: z.number().int().positive(),
      name: z.string(),
      effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      firstCycle: z.string().nullable(),
      source: z.string().optional(),
      rules: z.record(z.string(), z.unknown()),
    }),
  ),
});

export function readProjectSeed(dir: string) {
  const file = path.join(/*turbopackIgnore: true*/ dir, 'project.json');
  const parsed = projectSeedSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

export interface SeedResult {
  seeded: string[];
  alreadySeeded: string[];
}

/**
 * Seeds each bundled project once. A project is marked seeded only after all its imports
 * committed; one left half-seeded by a crash is removed and seeded again.
 */
export async function seedProjects(prisma: PrismaClient, options: { seedDir?: string; now?: Date } = {}): Promise<SeedResult> {
  const seedDir = options.seedDir ?? SEED_DIR;
  const result: SeedResult = { seeded: [], alreadySeeded: [] };
  // Only directories with a project.json are projects (prisma/seed/kubernetes holds shared facts).
  const dirs = fs
    .readdirSync(/*turbopackIgnore: true*/ seedDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(/*turbopackIgnore: true*/ seedDir, entry.name, 'project.json')));
  for (const entry of dirs.sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = path.join(/*turbopackIgnore: true*/ seedDir, entry.name);
    const seed = readProjectSeed(dir);
    const existing = await prisma.project.findUnique({ where: { slug: seed.slug } });
    // A project an admin added under this slug is theirs: never replaced by a bundled seed.
    if (existing?.seededAt || existing?.addedBy) {
      result.alreadySeeded.push(seed.slug);
      continue;
    }
    if (existing) await prisma.project.delete({ where: { id: existing.id } });
    await prisma.project.create({
      data: {
        slug: seed.slug,
        name: seed.name,
        repository: seed.repository,
        homepage: seed.homepage,
        ltsUpgradeLine: seed.ltsUpgradeLine,
        policies: {
          create: seed.policies.map((policy) => ({
            version: policy.version,
            name: policy.name,
            effectiveFrom: dateOf(policy.effectiveFrom),
            firstCycle: policy.firstCycle,
            source: policy.source,
            rules: policy.rules as object,
          })),
        },
      },
    });
    const read = (name: string) => fs.readFileSync(path.join(/*turbopackIgnore: true*/ dir, name), 'utf8');
    const source = (name: string) => `prisma/seed/${entry.name}/${name}`;
    await importReleasesMd(prisma, { projectSlug: seed.slug, markdown: read(seed.files.releasesMd), source: source(seed.files.releasesMd), now: options.now });
    if (seed.files.tags) {
      await importTags(prisma, { projectSlug: seed.slug, tsv: read(seed.files.tags), source: source(seed.files.tags), now: options.now });
    }
    if (seed.files.tableHistory) {
      await importTableHistory(prisma, {
        projectSlug: seed.slug,
        tsv: read(seed.files.tableHistory),
        source: source(seed.files.tableHistory),
        repository: seed.repository,
      });
    }
    await prisma.project.update({ where: { slug: seed.slug }, data: { seededAt: new Date() } });
    result.seeded.push(seed.slug);
  }
  return result;
}
