import type { Metadata } from 'next';
import Link from 'next/link';
import { Fragment } from 'react';
import { ACTIONS, describeChange, GovernanceError, listAuditEvents, listProjects } from '@shepherd/governance';
import { describeZodError } from '@shepherd/governance';
import { prisma } from '@/lib/database';
import { requireUser } from '@/lib/session';
import { AuditQuery } from './audit-query';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit log' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** What an event changed, one line per value (governance's describeChange), a created record in a fold. */
function Changes({ before, after }: { before: unknown; after: unknown }) {
  const lines = describeChange(before, after);
  if (!lines.length) return <span className="muted">no change recorded</span>;
  return (
    <ul className="changes">
      {lines.map((line, index) => (
        <li key={index}>
          {line.path && <span className="muted">{line.path}: </span>}
          {line.kind === 'changed' && (
            <>
              <del>{line.before}</del> → <ins>{line.after}</ins>
            </>
          )}
          {line.kind === 'added' && (
            <>
              <span className="badge phase-ACTIVE">added</span> {line.after}
            </>
          )}
          {line.kind === 'removed' && (
            <>
              <span className="badge phase-ERROR">removed</span> <del>{line.before}</del>
            </>
          )}
          {line.fields && (
            <details>
              <summary>{line.fields.length} values</summary>
              <dl className="facts">
                {line.fields.map((field) => (
                  <Fragment key={field.path}>
                    <dt>{field.path}</dt>
                    <dd>{field.value}</dd>
                  </Fragment>
                ))}
              </dl>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
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
        <div className="fields">
          <div className="field">
            <label htmlFor="audit-project">Project</label>
            <select id="audit-project" name="project" defaultValue={filters.project ?? ''}>
              <option value="">all you administer</option>
              {projects.map((project) => (
                <option key={project.slug}>{project.slug}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="audit-actor">Who</label>
            <input id="audit-actor" name="actor" defaultValue={filters.actor ?? ''} size={12} />
          </div>
          <div className="field">
            <label htmlFor="audit-action">Action</label>
            <select id="audit-action" name="action" defaultValue={filters.action ?? ''}>
              <option value="">any</option>
              {[...ACTIONS, 'user.sign-up'].map((action) => (
                <option key={action}>{action}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="audit-since">From</label>
            <input id="audit-since" name="since" type="date" defaultValue={filters.since ?? ''} />
          </div>
          <div className="field">
            <label htmlFor="audit-until">To</label>
            <input id="audit-until" name="until" type="date" defaultValue={filters.until ?? ''} />
          </div>
        </div>
        <button type="submit">Filter</button>
      </form>
      {problem && (
        <p className="note" role="alert">
          {problem}
        </p>
      )}
      {result && (
        <table data-testid="audit-log" className="audit">
          <colgroup>
            <col className="when" />
            <col className="who" />
            <col className="action" />
            <col className="target" />
            <col />
            <col className="why" />
          </colgroup>
          <thead>
            <tr>
              <th>When (UTC)</th>
              <th>Who</th>
              <th>Action</th>
              <th>Target</th>
              <th>What changed</th>
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
                <td>
                  <code>{event.action}</code>
                </td>
                <td>{event.target}</td>
                <td>
                  <Changes before={event.before} after={event.after} />
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
