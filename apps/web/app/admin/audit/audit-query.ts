import { z } from 'zod';
import { idText, storableText, yearProblem } from '@shepherd/governance';

// The audit log's filters, from a query string (the page's form and GET /api/admin/audit).
const blank = (value: unknown) => (value === '' ? undefined : value);
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/, 'expected YYYY-MM-DD or an ISO date-time')
  .superRefine((value, ctx) => {
    const problem = yearProblem(value.slice(0, 10));
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const AuditQuery = z.object({
  project: z.preprocess(blank, storableText(63).optional()),
  actor: z.preprocess(blank, storableText(39).optional()),
  action: z.preprocess(blank, storableText(60).optional()),
  since: z.preprocess(blank, day.optional()),
  until: z.preprocess(blank, day.optional()),
  before: z.preprocess(blank, idText.optional()),
  limit: z.preprocess(blank, z.coerce.number().int().min(1).max(500).optional()),
});
