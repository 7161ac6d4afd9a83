import type { JobRun } from '@shepherd/governance/db/generated/client';

const BADGE: Record<string, string> = { SUCCEEDED: 'phase-ACTIVE', FAILED: 'phase-ERROR', RUNNING: 'phase-RC', SKIPPED: 'phase-END_OF_LIFE' };

export const formatTime = (date: Date | null) => (date ? date.toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '—');

function duration(run: JobRun): string {
  if (!run.finishedAt) return '—';
  const seconds = (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000;
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds / 60)} min`;
}

/** Job runs: start, end, outcome, and the summary or error of each. */
export function JobRunsTable({ runs }: { runs: JobRun[] }) {
  if (!runs.length) return <p className="muted">No job has run yet.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>job</th>
          <th>tick</th>
          <th>started</th>
          <th>ended</th>
          <th>took</th>
          <th>outcome</th>
          <th>worker</th>
          <th>summary or error</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            <td>{run.job}</td>
            <td>{formatTime(run.scheduledAt)}</td>
            <td>{formatTime(run.startedAt)}</td>
            <td>{formatTime(run.finishedAt)}</td>
            <td>{duration(run)}</td>
            <td>
              <span className={`badge ${BADGE[run.outcome]}`}>{run.outcome.toLowerCase()}</span>
            </td>
            <td className="muted">{run.worker}</td>
            <td className={run.error ? 'overdue' : ''}>{run.error ?? run.summary ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
