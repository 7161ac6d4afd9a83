import { githubUnconfigured, readGithubConfig } from '@shepherd/governance/github/github-config';
import { describeGithubKepImport, importKepsFromGithub } from '@shepherd/governance/keps/import-keps-from-github';
import { reparseTrackingIssues } from '@shepherd/governance/keps/reparse-tracking-issues';
import { describeEnhancementSync, syncEnhancementIssues } from '@shepherd/governance/keps/sync-enhancement-issues';
import type { JobDefinition } from './job';

export const kepsJob: JobDefinition = {
  name: 'keps',
  schedule: process.env.SHEPHERD_KEPS_SCHEDULE?.trim() || '17 */6 * * *',
  description:
    "KEP metadata (kep.yaml) and PRR approvals from kubernetes/enhancements through the GitHub contents API, then SIG Node's enhancement issues (the release team's labels, milestones and status comments) through the GitHub mirror, all with conditional requests; tracking issues parsed by an older parser are read again from the mirror",
  run: async ({ prisma, log }) => {
    // Needs no GitHub access: the mirror holds the issues.
    const { reparsed } = await reparseTrackingIssues(prisma);
    const reread = reparsed ? `; ${reparsed} tracking issue(s) read again by the current parser` : '';
    const config = readGithubConfig();
    const unconfigured = githubUnconfigured(config);
    if (unconfigured) return `${unconfigured}${reread}`;
    const keps = describeGithubKepImport(await importKepsFromGithub(prisma, { config, log }));
    const issues = describeEnhancementSync(await syncEnhancementIssues(prisma, { config, log }));
    return `${keps}; ${issues}${reread}`;
  },
};
