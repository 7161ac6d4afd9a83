/** Something in a KEP source that could not be read as written: which file, which field, what. */
export interface KepProblem {
  file: string;
  field: string;
  message: string;
  /** Where in the file, for YAML syntax errors (1-based). */
  line?: number;
  column?: number;
}

/** Problems grouped by file, in first-seen order, for the CLI and the import report. */
export function groupProblemsByFile(problems: KepProblem[]): Map<string, KepProblem[]> {
  const byFile = new Map<string, KepProblem[]>();
  for (const problem of problems) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
  return byFile;
}

/** Kubernetes releases are written "v1.37", "1.37" or '"v1.37"'; Shepherd names them "1.37". */
export function normaliseKubernetesVersion(text: string): string | null {
  const match = /^v?(1)\.(\d{1,3})(?:\.\d+)?$/.exec(text.trim());
  return match ? `${match[1]}.${Number(match[2])}` : null;
}

/** Orders "1.9" before "1.10". */
export function compareKubernetesVersions(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am - bm || an - bn;
}
