import { compareCycles, compareVersions, formatCycle, parseCycle, parseVersion } from './parse-versions';

export interface KubernetesMatrixEntry {
  cycle: string;
  /** The first patch of the cycle that supports this Kubernetes version, e.g. "2.1.5". */
  minimumVersion: string;
}

export interface KubernetesMatrixRow {
  kubernetesVersion: string;
  criVersion: string;
  entries: KubernetesMatrixEntry[];
}

export interface KubernetesSupportAnswer {
  kubernetesVersion: string;
  criVersion: string;
  minimumVersion: string;
}

function sameKubernetes(a: string, b: string): boolean {
  // "v1.35" and "1.35" are the same minor; the project writes them without the v.
  return a.replace(/^v/, '') === b.replace(/^v/, '');
}

/** Runtime versions that support a Kubernetes minor, newest cycle first; null if the row is unknown. */
export function runtimeVersionsForKubernetes(
  rows: readonly KubernetesMatrixRow[],
  kubernetesVersion: string,
): { criVersion: string; entries: KubernetesMatrixEntry[] } | null {
  const row = rows.find((r) => sameKubernetes(r.kubernetesVersion, kubernetesVersion));
  if (!row) return null;
  return { criVersion: row.criVersion, entries: [...row.entries].sort((a, b) => compareCycles(b.cycle, a.cycle)) };
}

/**
 * Kubernetes minors a runtime supports. A full version ("2.1.4") must be at least the row's
 * minimum patch; a bare cycle ("2.1") matches any row of the cycle and reports the minimum.
 * Pre-releases sort below their release, so 2.3.0-rc.1 does not satisfy "2.3.0+".
 */
export function kubernetesVersionsForRuntime(
  rows: readonly KubernetesMatrixRow[],
  runtimeVersion: string,
): KubernetesSupportAnswer[] {
  const full = parseVersion(runtimeVersion);
  const cycle = full ? formatCycle(full) : parseCycle(runtimeVersion) && formatCycle(parseCycle(runtimeVersion)!);
  if (!cycle) throw new RangeError(`Not a runtime version or cycle: "${runtimeVersion}"`);
  const out: KubernetesSupportAnswer[] = [];
  for (const row of rows) {
    const entry = row.entries.find((e) => e.cycle === cycle);
    if (!entry) continue;
    const min = parseVersion(entry.minimumVersion);
    if (!min) throw new RangeError(`Bad minimum version "${entry.minimumVersion}" for Kubernetes ${row.kubernetesVersion}`);
    if (full && compareVersions(full, min) < 0) continue;
    out.push({ kubernetesVersion: row.kubernetesVersion, criVersion: row.criVersion, minimumVersion: entry.minimumVersion });
  }
  return out.sort((a, b) => compareCycles(a.kubernetesVersion.replace(/^v/, ''), b.kubernetesVersion.replace(/^v/, '')));
}

export function supportsKubernetes(
  rows: readonly KubernetesMatrixRow[],
  runtimeVersion: string,
  kubernetesVersion: string,
): boolean {
  return kubernetesVersionsForRuntime(rows, runtimeVersion).some((a) => sameKubernetes(a.kubernetesVersion, kubernetesVersion));
}
