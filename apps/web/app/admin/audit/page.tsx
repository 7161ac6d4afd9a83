import type { Metadata } from 'next';
import Link from 'next/link';
import { ACTIONS, GovernanceError, listAuditEvents, listProjects } from '@shepherd/governance';
import { describeZodError } from '@shepherd/governance';
import { prisma } from '@/lib/database';
import { requireUser } from '@/lib/session';
import { AuditQuery } from './audit-query';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit log' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const show = (value: unknown) => (value === null || value === undefined ? '—' : JSON.stringify(value));
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Only what changed: one line per top-level field whose value differs. */
function changes(before: unknown, after: unknown): { field: string | null; before: string; after: string }[] {
  if (!isRecord(before) || !isRecord(after)) return [{ field: null, before: show(before), after: show(after) }];
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((key) => show(before[key]) !== show(after[key]))
    .map((key) => ({ field: key, before: show(before[key]), after: show(after[key]) }));
}

export default async function AuditPage({ searchParams }: Props) {
  const actor = await requireUser('/admin/audit');
  const raw = await searchParams;
  const parsed = AuditQuery.safeParse(raw);
  const client = await prisma();
  const projects = await listProjects(client);
  let result: Awaited<ReturnType<typeof listAuditEvents>> | null = null;
  let problem: string | null = parsed.success ? null : describeZodError(parsed.error);
  if (parsed.success) {
    try {
      result = await listAuditEvents(client, actor, parsed.data);
    } catch (error) {
      if (!(error instanceof GovernanceError)) throw error;
      problem = error.message;
    }
  }
  const filters = parsed.success ? parsed.data : {};
  const nextPage = result?.nextBefore ? `?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])), before: String(result.nextBefore) })}` : null;
  return (
    <>
      <h1>Audit log</h1>
      <form className="card form" method="get" data-testid="audit-filters">
        <label>
          Project{' '}
          <select name="project" defaultValue={filters.project ?? ''}>
            <option value="">all you administer</option>
            {projects.map((project) => (
              <option key={project.slug}>{project.slug}</option>
            ))}
          </select>
        </label>{' '}
        <label>
          Who <input name="actor" defaultValue={filters.actor ?? ''} size={12} />
        </label>{' '}
        <label>
          Action{' '}
          <select name="action" defaultValue={filters.action ?? ''}>
            <option value="">any</option>
            {[...ACTIONS, 'user.sign-up'].map((action) => (
              <option key={action}>{action}</option>
            ))}
          </select>
        </label>{' '}
        <label>
          From <input name="since" type="date" defaultValue={filters.since ?? ''} />
        </label>{' '}
        <label>
          To <input name="until" type="date" defaultValue={filters.until ?? ''} />
        </label>{' '}
        <button type="submit">Filter</button>
      </form>
      {problem && (
        <p className="note" role="alert">
          {problem}
        </p>
      )}
      {result && (
        <table data-testid="audit-log">
          <thead>
            <tr>
              <th>When (UTC)</th>
              <th>Who</th>
              <th>Action</th>
              <th>Target</th>
              <th>Before → after</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {result.events.map((event) => (
              <tr key={event.id}>
                <td>{event.at.slice(0, 19).replace('T', ' ')}</td>
                <td>
                  {event.actor} <span className="muted">({event.via})</span>
                </td>
                <td>{event.action}</td>
                <td>{event.target}</td>
                <td>
                  {changes(event.before, event.after).map((change) => (
                    <div key={change.field ?? ''}>
                      {change.field && <span className="muted">{change.field}: </span>}
                      <code>{change.before}</code> → <code>{change.after}</code>
                    </div>
                  ))}
                </td>
                <td>{event.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result?.events.length === 0 && <p className="muted">No events match.</p>}
      {nextPage && <Link href={nextPage}>Older events</Link>}
    </>
  );
}
