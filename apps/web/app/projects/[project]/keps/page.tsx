import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { GovernanceError, listKeps, type KepListFilters } from '@shepherd/governance';
import { prisma } from '@/lib/database';
import { today } from '@/lib/today';
import { Handles, StateBadge } from './kep-parts';
import { idleDays, text } from './options';
import styles from './keps.module.css';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ project: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${(await params).project} KEPs` };
}

const FILTERS: { key: keyof KepListFilters; label: string; facet: 'sigs' | 'stages' | 'statuses' | 'milestones' | 'shepherds' | 'targets' }[] = [
  { key: 'sig', label: 'SIG', facet: 'sigs' },
  { key: 'stage', label: 'Stage', facet: 'stages' },
  { key: 'status', label: 'Status', facet: 'statuses' },
  { key: 'milestone', label: 'Kubernetes milestone', facet: 'milestones' },
  { key: 'shepherd', label: 'Shepherd', facet: 'shepherds' },
  { key: 'target', label: 'Runtime target', facet: 'targets' },
];

export default async function KepListPage({ params, searchParams }: Props) {
  const { project: slug } = await params;
  const query = await searchParams;
  const filters: KepListFilters = Object.fromEntries(FILTERS.map(({ key }) => [key, text(query[key])]).filter(([, value]) => value));
  let data;
  try {
    data = await listKeps(await prisma(), slug, filters, { today: new Date(`${today()}T00:00:00Z`), idleDays: idleDays(query.idleDays) });
  } catch (error) {
    if (error instanceof GovernanceError && error.code === 'not_found') notFound();
    throw error;
  }
  const { project, rows, facets } = data;
  return (
    <>
      <h1>{project.name} KEPs</h1>
      <p className="muted">
        Kubernetes Enhancement Proposals and {project.name}&apos;s work on them. <Link href={`/projects/${slug}/keps/liaison`}>Liaison board</Link> ·{' '}
        <Link href={`/projects/${slug}/keps/queue`}>Shepherd queue</Link>
      </p>
      <form className={styles.filters} method="get" data-testid="kep-filters">
        {FILTERS.map(({ key, label, facet }) => (
          <label key={key}>
            {label}
            <select name={key} defaultValue={filters[key] ?? ''}>
              <option value="">any</option>
              {facets[facet].map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </label>
        ))}
        <button type="submit">Filter</button> <Link href={`/projects/${slug}/keps`}>clear</Link>
      </form>
      <p className="muted">
        {rows.length} KEP{rows.length === 1 ? '' : 's'}
        {rows.length === 0 && ' — import KEP metadata with npm run import -- keps <dir|keps.json>'}
      </p>
      <table data-testid="kep-table">
        <thead>
          <tr>
            <th>KEP</th>
            <th>SIG</th>
            <th>Stage</th>
            <th>Status</th>
            <th>Latest milestone</th>
            <th>{project.name}</th>
            <th>Shepherds</th>
            <th>Target</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, number, title, kep, tracking, sharedWith }) => (
            <tr key={key ?? `tracked-${number}`} data-kep={number} data-key={key ?? undefined}>
              <td>
                <Link href={`/projects/${slug}/keps/${key ?? number}`}>
                  <strong>KEP-{number}</strong> {title}
                </Link>
                {!kep && (
                  <span className={styles.flag} data-testid="not-merged" title="tracked by a tracking issue; its kep.yaml is not in kubernetes/enhancements yet">
                    kep.yaml not merged
                  </span>
                )}
                {kep?.missingSince && (
                  <span className={styles.flag} data-testid="missing" title={`no longer in ${kep.repository ?? 'its source'} since ${kep.missingSince.toISOString().slice(0, 10)}`}>
                    gone from its source
                  </span>
                )}
                {Array.isArray(kep?.problems) && (kep.problems as unknown[]).length > 0 && (
                  <span className="muted" title="problems reading kep.yaml">
                    {' '}
                    ⚠ {(kep.problems as unknown[]).length}
                  </span>
                )}
                {sharedWith.length > 0 && (
                  <div className="muted" data-testid="shared-number">
                    <code>{key}</code>; KEP-{number} is also {sharedWith.map((other) => other).join(', ')}
                  </div>
                )}
              </td>
              <td>{kep?.owningSig ?? '—'}</td>
              <td>{kep?.stage ?? '—'}</td>
              <td>{kep?.status ?? '—'}</td>
              <td>{kep?.latestMilestone ?? '—'}</td>
              <td>{tracking ? <StateBadge state={tracking.state} /> : <span className="muted">not tracked</span>}</td>
              <td>{tracking ? <Handles logins={tracking.shepherds} /> : ''}</td>
              <td>{tracking?.targetCycle ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
