import { readGithubConfig } from '@shepherd/governance/github/github-config';
import { describeGithubKepImport, importKepsFromGithub } from '@shepherd/governance/keps/import-keps-from-github';
import type { JobDefinition } from './job';

export const kepsJob: JobDefinition = {
  name: 'keps',
  schedule: process.env.SHEPHERD_KEPS_SCHEDULE?.trim() || '17 */6 * * *',
  description: 'KEP metadata (kep.yaml) from kubernetes/enhancements through the GitHub contents API (conditional requests)',
  run: async ({ prisma, log }) => {
    const config = readGithubConfig();
    if (config.auth.kind === 'none' && config.apiUrl === 'https://api.github.com') return 'skipped: GitHub is not configured (set GITHUB_TOKEN or a GitHub App)';
    return describeGithubKepImport(await importKepsFromGithub(prisma, { config, log }));
  },
};
