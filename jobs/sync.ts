import { readGithubConfig } from '@shepherd/governance/github/github-config';
import { syncProjects } from '@shepherd/governance/github/sync-projects';
import type { JobDefinition } from './job';

export const syncJob: JobDefinition = {
  name: 'sync',
  schedule: process.env.SHEPHERD_SYNC_SCHEDULE?.trim() || '*/15 * * * *',
  description: 'Incremental GitHub sync of every project (conditional requests, 304s when nothing changed)',
  run: ({ prisma, log }) => syncProjects(prisma, { config: readGithubConfig(), trigger: 'job', log }),
};
