// "Regressed": tasks/s more than 10% below the previous RC. Benchmarks are noisy, so each run
// repeats the benchmark and the comparison uses medians of those repeats.

export const REGRESSION_THRESHOLD = 0.1;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface RegressionVerdict {
  regressed: boolean;
  note: string | null;
}

export function compareToBaseline(current: number | null, baseline: { tag: string; tasksPerSecond: number } | null): RegressionVerdict {
  if (current === null || !baseline) return { regressed: false, note: baseline ? null : 'no earlier RC to compare with' };
  const change = (current - baseline.tasksPerSecond) / baseline.tasksPerSecond;
  const percent = `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%`;
  const note = `${Math.round(current)} tasks/s vs ${Math.round(baseline.tasksPerSecond)} at ${baseline.tag} (${percent})`;
  return { regressed: change < -REGRESSION_THRESHOLD, note };
}
