import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DEFAULT_PER_PAGE, GovernanceError, KEP_LIST_SORTS, listKeps, parseKepListQuery, STATE_LABEL, TRACKING_STATES, type KepListFilters } from '@shepherd/governance';
import { prisma } from '@/lib/database';
import { today } from '@/lib/today';
import { Handles, otherSigs, Pager, StateBadge } from './kep-parts';
import { idleDays, readQuery } from './options';
import styles from './keps.module.css';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ project: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${(await params).project} KEPs` };
}

type Facet = 'sigs' | 'participating' | 'stages' | 'statuses' | 'milestones' | 'shepherds' | 'targets';
const FILTERS: { key: keyof KepListFilters; label: string; facet: Facet }[] = [
  { key: 'sig', label: 'Owning SIG', facet: 'sigs' },
  { key: 'participating', label: 'SIG involved', facet: 'participating' },
  { key: 'stage', label: 'Stage', facet: 'stages' },
  { key: 'status', label: 'Status', facet: 'statuses' },
  { key: 'milestone', label: 'Kubernetes milestone', facet: 'milestones' },
  { key: 'shepherd', label: 'Shepherd', facet: 'shepherds' },
  { key: 'target', label: 'Runtime target', facet: 'targets' },
];
const SORT_LABEL: Record<(typeof KEP_LIST_SORTS)[number], string> = {
  number: 'number (newest first)',
  title: 'title',
  milestone: 'latest milestone',
  state: 'tracking state',
  updated: 'kep.yaml last updated',
};

export default async function KepListPage({ params, searchParams }: Props) {
  const { project: slug } = await params;
  const query = await searchParams;
  const { asked, problem } = readQuery(parseKepListQuery, query);
  const { filters, sort, page, perPage } = asked;
  let data;
  try {
    data = await listKeps(await prisma(), slug, filters, { today: new Date(`${today()}T00:00:00Z`), idleDays: idleDays(query.idleDays), sort, page, perPage });
  } catch (error) {
    if (error instanceof GovernanceError && error.code === 'not_found') notFound();
    throw error;
  }
  const { project, rows, facets, total, pages } = data;
  const current = { ...filters, ...(sort ? { sort } : {}), ...(perPage !== DEFAULT_PER_PAGE ? { perPage: String(perPage) } : {}) } as Record<string, string>;
  const href = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(Object.entries({ ...current, ...changes }).filter((entry): entry is [string, string] => Boolean(entry[1])));
    return `?${next}`;
  };
  const exportQuery = new URLSearchParams(Object.entries({ ...filters, ...(sort ? { sort } : {}) }).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const apiUrl = (format?: 'csv') => `/api/projects/${slug}/keps?${new URLSearchParams([...exportQuery, ['perPage', '500'], ...(format ? [['format', format]] : [])])}`;
  return (
    <>
      <h1>{project.name} KEPs</h1>
      <p className="muted">
        Kubernetes Enhancement Proposals and {project.name}&apos;s work on them. <Link href={`/projects/${slug}/keps/liaison`}>Liaison board</Link> ·{' '}
        <Link href={`/projects/${slug}/keps/queue`}>Shepherd queue</Link>
      </p>
      {problem && (
        <p className={styles.notice} role="alert" data-testid="query-problem">
          {problem}
        </p>
      )}
      <form className={styles.filters} method="get" data-testid="kep-filters">
        <label>
          Search (title, feature gate, number)
          <input type="search" name="q" defaultValue={filters.q ?? ''} placeholder="e.g. swap, InPlacePodVerticalScaling" size={26} />
        </label>
        <label>
          {project.name} tracking
          <select name="state" defaultValue={filters.state ?? ''}>
            <option value="">any</option>
            <option value="tracked">tracked (any state)</option>
            <option value="untracked">not tracked</option>
            {TRACKING_STATES.map((state) => (
              <option key={state} value={state}>
                {STATE_LABEL[state]}
              </option>
            ))}
          </select>
        </label>
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
        <label>
          Sort by
          <select name="sort" defaultValue={sort ?? 'number'}>
            {KEP_LIST_SORTS.map((value) => (
              <option key={value} value={value}>
                {SORT_LABEL[value]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Filter</button> <Link href={`/projects/${slug}/keps`}>clear</Link>
      </form>
      <div className={styles.pager}>
        <span className="muted" data-testid="kep-count">
          {total} KEP{total === 1 ? '' : 's'}
          {pages > 1 && ` · page ${data.page} of ${pages}`}
        </span>
        <span className="muted">
          Export: <a href={apiUrl('csv')}>CSV</a> · <a href={apiUrl()}>JSON</a>
        </span>
      </div>
      {total === 0 && (
        <p className="muted" data-testid="kep-empty">
          {Object.keys(filters).length
            ? 'No KEP matches these filters.'
            : 'No KEP metadata yet. The keps job imports kubernetes/enhancements every six hours once GitHub is configured; an operator can import a checkout now with npm run import -- keps <dir>.'}
        </p>
      )}
      {total > 0 && (
        <table data-testid="kep-table" className={styles.stack}>
          <thead>
            <tr>
              <th>KEP</th>
              <th>SIG</th>
              <th>Stage</th>
              <th>Status</th>
              <th>Latest milestone</th>
              <th>Reviewers / approvers</th>
              <th>{project.name}</th>
              <th>Shepherds</th>
              <th>Target</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ key, number, title, kep, tracking, sharedWith }) => (
              <tr key={key ?? `tracked-${number}`} data-kep={number} data-key={key ?? undefined}>
                <td data-label="KEP">
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
                  {kep && kep.featureGates.length > 0 && <div className={`muted ${styles.gates}`}>{kep.featureGates.join(', ')}</div>}
                  {sharedWith.length > 0 && (
                    <div className="muted" data-testid="shared-number">
                      <code>{key}</code>; KEP-{number} is also {sharedWith.join(', ')}
                    </div>
                  )}
                </td>
                <td data-label="SIG">
                  {kep?.owningSig ?? '—'}
                  {kep && otherSigs(kep).length > 0 && <div className="muted">with {otherSigs(kep).join(', ')}</div>}
                </td>
                <td data-label="Stage">{kep?.stage ?? '—'}</td>
                <td data-label="Status">{kep?.status ?? '—'}</td>
                <td data-label="Latest milestone">{kep?.latestMilestone ?? '—'}</td>
                <td data-label="Reviewers / approvers" data-testid="people">
                  {kep ? (
                    <>
                      <Handles logins={kep.reviewers.map((login) => login.replace(/^@/, ''))} />
                      <div className="muted">
                        approvers <Handles logins={kep.approvers.map((login) => login.replace(/^@/, ''))} />
                      </div>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td data-label={project.name}>{tracking ? <StateBadge state={tracking.state} /> : <span className="muted">not tracked</span>}</td>
                <td data-label="Shepherds">{tracking ? <Handles logins={tracking.shepherds} /> : ''}</td>
                <td data-label="Target">{tracking?.targetCycle ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={data.page} pages={pages} href={(page) => href({ page: String(page) })} />
    </>
  );
}
