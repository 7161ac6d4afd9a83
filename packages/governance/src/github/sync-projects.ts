import type { PrismaClient } from '../db';
import { createGithubClient } from './create-client';
import { githubUnconfigured, type GithubConfig } from './github-config';
import { GITHUB_REPOSITORY } from './handles';
import { syncProject } from './sync-repository';

/**
 * Syncs every project that names a GitHub repository (or those in SHEPHERD_SYNC_PROJECTS), one
 * after another with one client. Does nothing while GitHub is not configured: anonymous requests
 * to api.github.com get 60 an hour, not enough for one full sync.
 */
export async function syncProjects(
  prisma: PrismaClient,
  options: { config: GithubConfig; trigger: string; deep?: boolean; log?: (line: string) => void; only?: string[] },
): Promise<string> {
  const { config } = options;
  const unconfigured = githubUnconfigured(config);
  if (unconfigured) return unconfigured;
  const only = options.only ?? process.env.SHEPHERD_SYNC_PROJECTS?.split(',').map((slug) => slug.trim()).filter(Boolean);
  const projects = await prisma.project.findMany({ where: only?.length ? { slug: { in: only } } : {}, orderBy: { slug: 'asc' } });
  const client = createGithubClient(config, { onWait: (reason, seconds) => options.log?.(`waiting ${seconds} s: ${reason}`) });
  const lines: string[] = [];
  const failures: string[] = [];
  for (const project of projects.filter((candidate) => GITHUB_REPOSITORY.test(candidate.repository))) {
    try {
      const report = await syncProject(prisma, project.slug, { config, client, trigger: options.trigger, deep: options.deep });
      lines.push(`${project.slug}: ${report.requests} requests (${report.notModified} × 304), ${report.itemsChanged} changed${report.itemsGone ? `, ${report.itemsGone} issues found deleted or transferred` : ''}`);
    } catch (error) {
      failures.push(`${project.slug}: ${(error as Error).message}`);
    }
  }
  if (failures.length) throw new Error([...failures, ...lines].join('; '));
  return lines.join('; ') || 'no project names a GitHub repository';
}
