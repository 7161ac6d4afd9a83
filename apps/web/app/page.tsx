import type { Metadata } from 'next';
import Link from 'next/link';
import { EOL_SOON_DAYS } from '@shepherd/governance';
import { today } from '@/lib/today';
import { dashboardView } from '@/lib/views';
import { GateBadge } from './components/gate-badge';
import { ComputedMark, DateText, PhaseBadge } from './components/phase-badge';

export const dynamic = 'force-dynamic';
// The root segment's own page: the layout's title template applies only below it.
export const metadata: Metadata = { title: { absolute: 'Dashboard · Shepherd' } };

const MILESTONE_NAMES = { ALPHA: 'alpha', BETA: 'beta', FEATURE_FREEZE: 'feature freeze', RC: 'release candidate', GA: 'GA' } as const;

function countdown(days: number) {
  if (days === 0) return <span className="big">today</span>;
  if (days > 0) return <span className="big">in {days} day{days === 1 ? '' : 's'}</span>;
  return <span className="big overdue">{-days} day{days === -1 ? '' : 's'} overdue</span>;
}

export default async function Dashboard() {
  const day = today();
  const projects = await dashboardView();
  return (
    <>
      <h1>Dashboard</h1>
      <p className="muted">Today is {day}.</p>
      {projects.map(({ project, supported, nextMilestone, endingSoon, gate }) => (
        <section key={project.slug} aria-label={project.name}>
          <h2>
            <Link href={`/projects/${project.slug}/releases`}>{project.name}</Link>
          </h2>
          <div className="cards">
            <div className="card" data-testid="supported">
              <h3>Supported releases</h3>
              {supported.length === 0 ? (
                <p className="muted">No supported release.</p>
              ) : (
                <ul className="plain">
                  {supported.map((cycle) => (
                    <li key={cycle.name}>
                      <Link href={`/projects/${project.slug}/releases/${cycle.name}`}>
                        <strong>{cycle.name}</strong>
                      </Link>{' '}
                      <PhaseBadge lifecycle={cycle.lifecycle} /> until <DateText date={cycle.lifecycle.endOfLife} />
                      <ComputedMark lifecycle={cycle.lifecycle} />
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <div className="card" data-testid="next-milestone">
              <h3>Next milestone</h3>
              {nextMilestone ? (
                <>
                  <p>
                    <Link href={`/projects/${project.slug}/releases/${nextMilestone.cycle}`}>
                      <strong>{nextMilestone.cycle}</strong>
                    </Link>{' '}
                    {MILESTONE_NAMES[nextMilestone.kind]}, planned <DateText date={nextMilestone.date} />
                  </p>
                  <p>{countdown(nextMilestone.daysFromToday)}</p>
                  {gate && (
                    <p data-testid="dashboard-gate">
                      <Link href={`/projects/${project.slug}/releases/${nextMilestone.cycle}/qualification`}>
                        <GateBadge state={gate.state} />
                      </Link>{' '}
                      <span className="muted">{gate.message}</span>
                    </p>
                  )}
                </>
              ) : (
                <p className="muted">No planned milestone.</p>
              )}
            </div>
            <div className="card" data-testid="eol-soon">
              <h3>Reaching end of life within {EOL_SOON_DAYS} days</h3>
              {endingSoon.length === 0 ? (
                <p className="muted">None.</p>
              ) : (
                <ul className="plain">
                  {endingSoon.map((cycle) => (
                    <li key={cycle.name}>
                      <strong>{cycle.name}</strong>: <DateText date={cycle.lifecycle.endOfLife} /> ({cycle.lifecycle.daysUntilEndOfLife} days)
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        </section>
      ))}
    </>
  );
}
