import { applyQueuedDeliveries } from '@shepherd/governance/github/apply-webhook-deliveries';
import type { JobDefinition } from './job';

// The webhook route applies deliveries right after answering; this catches any it left behind
// (a restart in between, a failed attempt to retry, deliveries received by another replica).
export const webhooksJob: JobDefinition = {
  name: 'webhooks',
  schedule: process.env.SHEPHERD_WEBHOOKS_SCHEDULE?.trim() || '* * * * *',
  description: 'Applies queued GitHub webhook deliveries to the mirror',
  run: async ({ prisma }) => {
    const handled = await applyQueuedDeliveries(prisma, { limit: 500 });
    return handled ? `${handled} deliveries applied` : 'queue empty';
  },
};
