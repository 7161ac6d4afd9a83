'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { invalidArgument } from '@shepherd/governance';
import { addProject } from '@shepherd/governance/projects/index';
import { actionResult, type ActionResult } from '@/lib/authorize';
import { prisma } from '@/lib/database';
import { currentActor } from '@/lib/session';
import { today } from '@/lib/today';

// Adding a project from the admin pages: the form is parsed here, the governance function checks
// every field (naming it), authorizes (instance admins) and audits.

const optional = (max: number) => z.string().trim().max(max).transform((value) => value || null).nullable().optional();
const ProjectForm = z.object({
  slug: z.string().trim().min(1, 'required').max(63),
  name: optional(100),
  repository: z.string().trim().min(1, 'required').max(140),
  homepage: optional(300),
  ltsUpgradeLine: optional(300),
  policies: z.string().max(200_000),
  releaseData: z.enum(['none', 'tags', 'releases-md'], { error: 'choose where the release data comes from' }),
});

const FILE_FIELD = { tags: 'tagsFile', 'releases-md': 'releasesMdFile' } as const;
const FILE_LABEL = { tags: 'tags file', 'releases-md': 'RELEASES.md' } as const;

export async function addProjectAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const input = ProjectForm.parse({
      slug: form.get('slug'),
      name: form.get('name'),
      repository: form.get('repository'),
      homepage: form.get('homepage'),
      ltsUpgradeLine: form.get('ltsUpgradeLine'),
      policies: form.get('policies'),
      releaseData: form.get('releaseData'),
    });
    let policies: unknown;
    try {
      policies = JSON.parse(input.policies);
    } catch (error) {
      throw invalidArgument(`policies: not valid JSON: ${(error as Error).message}`, { field: 'policies' });
    }
    let releaseData: object = { kind: 'none' };
    if (input.releaseData !== 'none') {
      const file = form.get(FILE_FIELD[input.releaseData]);
      if (!(file instanceof File) || file.size === 0) throw invalidArgument(`${FILE_FIELD[input.releaseData]}: choose the ${FILE_LABEL[input.releaseData]} to import (a refused form cannot keep a chosen file)`, { field: FILE_FIELD[input.releaseData] });
      releaseData = { kind: input.releaseData, text: await file.text(), source: file.name };
    }
    const report = await addProject(
      await prisma(),
      await currentActor(),
      {
        slug: input.slug,
        ...(input.name ? { name: input.name } : {}),
        repository: input.repository,
        homepage: input.homepage,
        ltsUpgradeLine: input.ltsUpgradeLine ? input.ltsUpgradeLine.split(/[\s,]+/).filter(Boolean) : [],
        policies: Array.isArray(policies) ? policies : [policies],
        releaseData,
      },
      { today: today() },
    );
    revalidatePath('/', 'layout');
    const imported =
      report.imported?.kind === 'tags'
        ? `${report.imported.report.added} tags imported`
        : report.imported?.kind === 'releases-md'
          ? `${report.imported.report.cycles.created} release cycles imported from the table`
          : 'no release data yet (the GitHub sync brings its tags)';
    const dates = report.supportDates === 'COMPUTED' ? 'support dates computed from its policy' : 'support dates as its table publishes them';
    return `Added ${report.slug} (${report.repository}): ${imported}; ${dates}.${report.notes.map((note) => ` Note: ${note}.`).join('')}`;
  }, form);
}
