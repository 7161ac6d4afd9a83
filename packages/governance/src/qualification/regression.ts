// "Regressed": the median tasks/s fell by more than 10% against a run of *different* source
// benchmarked the same way, and by more than the spread (max - min) of either run's repeats.
// Benchmarks are noisy: the same source measured twice differs only by the machine, and a drop
// inside the repeats' own spread is not evidence.

export const REGRESSION_THRESHOLD = 0.1;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** max - min of the repeats; null without any. */
export function spread(values: readonly number[]): number | null {
  return values.length ? Math.max(...values) - Math.min(...values) : null;
}

export interface RegressionVerdict {
  regressed: boolean;
  note: string | null;
}

export interface BenchFigure {
  tasksPerSecond: number | null;
  spread: number | null;
}

export function compareToBaseline(current: BenchFigure, baseline: (BenchFigure & { tag: string; attempt: number; tasksPerSecond: number }) | null): RegressionVerdict {
  if (current.tasksPerSecond === null || !baseline) return { regressed: false, note: baseline ? null : 'no earlier RC to compare with' };
  const drop = baseline.tasksPerSecond - current.tasksPerSecond;
  const change = -drop / baseline.tasksPerSecond;
  const noise = Math.max(current.spread ?? 0, baseline.spread ?? 0);
  const percent = `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%`;
  const beyond = change < -REGRESSION_THRESHOLD;
  const regressed = beyond && drop > noise;
  const within = beyond && !regressed ? `, within the bench spread of ${Math.round(noise)}: not a regression` : '';
  return { regressed, note: `${Math.round(current.tasksPerSecond)} tasks/s vs ${Math.round(baseline.tasksPerSecond)} at ${baseline.tag} #${baseline.attempt} (${percent}${within})` };
}
