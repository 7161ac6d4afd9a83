import { groupJobRuns } from '@shepherd/governance';
import type { JobRun } from '@shepherd/governance/db/generated/client';

const BADGE: Record<string, string> = { SUCCEEDED: 'phase-ACTIVE', FAILED: 'phase-ERROR', RUNNING: 'phase-RC', SKIPPED: 'phase-END_OF_LIFE' };

export const formatTime = (date: Date | null) => (date ? date.toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '—');

function duration(run: JobRun): string {
  if (!run.finishedAt) return '—';
  const seconds = (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000;
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds / 60)} min`;
}

/** Job runs, newest first: start, end, outcome, and the summary or error of each; repeats folded into one line. */
export function JobRunsTable({ runs }: { runs: JobRun[] }) {
  if (!runs.length) return <p className="muted">No job has run yet.</p>;
  return (
    <table data-testid="job-runs">
      <thead>
        <tr>
          <th>job</th>
          <th>started</th>
          <th>took</th>
          <th>outcome</th>
          <th>worker</th>
          <th>summary or error</th>
        </tr>
      </thead>
      <tbody>
        {groupJobRuns(runs).map(({ newest, oldest, count }) => (
          <tr key={newest.id} data-job={newest.job}>
            <td>
              {newest.job}
              {count > 1 && (
                <div className="muted" data-testid="repeats">
                  × {count} runs
                </div>
              )}
            </td>
            <td>
              {formatTime(newest.startedAt)}
              {count > 1 && <div className="muted">since {formatTime(oldest.startedAt)}</div>}
            </td>
            <td>{duration(newest)}</td>
            <td>
              <span className={`badge ${BADGE[newest.outcome]}`}>{newest.outcome.toLowerCase()}</span>
            </td>
            <td className="muted">{newest.worker}</td>
            <td className={newest.error ? 'overdue' : ''}>{newest.error ?? newest.summary ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
