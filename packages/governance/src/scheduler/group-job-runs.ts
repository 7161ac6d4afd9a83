// A job that runs every few minutes and finds nothing to do writes the same line again and again
// ("webhooks — queue empty"). Listed newest first, such repeats in a row become one entry with a
// count and the span they cover; running and failed runs always keep a line of their own.

export interface JobRunLike {
  job: string;
  outcome: string;
  summary: string | null;
  error: string | null;
  startedAt: Date;
}

export interface JobRunGroup<T extends JobRunLike> {
  newest: T;
  oldest: T;
  count: number;
}

const said = (run: JobRunLike) => JSON.stringify([run.job, run.outcome, run.error ?? run.summary ?? '']);

export function groupJobRuns<T extends JobRunLike>(runs: readonly T[]): JobRunGroup<T>[] {
  const groups: JobRunGroup<T>[] = [];
  for (const run of runs) {
    const last = groups.at(-1);
    if (last && run.outcome !== 'RUNNING' && run.outcome !== 'FAILED' && said(last.newest) === said(run)) {
      last.oldest = run;
      last.count += 1;
    } else groups.push({ newest: run, oldest: run, count: 1 });
  }
  return groups;
}
