import { z } from 'zod';

// The audit log's filters, from a query string (the page's form and GET /api/admin/audit).
const blank = (value: unknown) => (value === '' ? undefined : value);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/, 'expected YYYY-MM-DD or an ISO date-time');

export const AuditQuery = z.object({
  project: z.preprocess(blank, z.string().max(63).optional()),
  actor: z.preprocess(blank, z.string().max(39).optional()),
  action: z.preprocess(blank, z.string().max(60).optional()),
  since: z.preprocess(blank, day.optional()),
  until: z.preprocess(blank, day.optional()),
  before: z.preprocess(blank, z.coerce.number().int().positive().optional()),
  limit: z.preprocess(blank, z.coerce.number().int().min(1).max(500).optional()),
});
