import { githubUnconfigured, readGithubConfig } from '@shepherd/governance/github/github-config';
import { describeGithubKepImport, importKepsFromGithub } from '@shepherd/governance/keps/import-keps-from-github';
import type { JobDefinition } from './job';

export const kepsJob: JobDefinition = {
  name: 'keps',
  schedule: process.env.SHEPHERD_KEPS_SCHEDULE?.trim() || '17 */6 * * *',
  description: 'KEP metadata (kep.yaml) from kubernetes/enhancements through the GitHub contents API (conditional requests)',
  run: async ({ prisma, log }) => {
    const config = readGithubConfig();
    return githubUnconfigured(config) ?? describeGithubKepImport(await importKepsFromGithub(prisma, { config, log }));
  },
};
