import { readGithubConfig } from '@shepherd/governance/github/github-config';
import { syncProjects } from '@shepherd/governance/github/sync-projects';
import type { JobDefinition } from './job';

// Lists are asked page by page once a day (304s cost no rate limit), which catches edits that do
// not reach a list's first page, such as a new patch tag of an old branch without a webhook; the
// issues list is walked again and reconciled, which finds issues deleted or transferred without one.
export const syncDeepJob: JobDefinition = {
  name: 'sync-deep',
  schedule: '30 3 * * *',
  description: 'Daily GitHub sync that re-checks every page of every list and reconciles the issues list (deletions, transfers)',
  run: ({ prisma, log }) => syncProjects(prisma, { config: readGithubConfig(), trigger: 'job', deep: true, log }),
};
