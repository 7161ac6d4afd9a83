import { describe, expect, it } from 'vitest';
import { kubernetesVersionsForRuntime, runtimeVersionsForKubernetes, supportsKubernetes } from './query-kubernetes-matrix';
import { REAL_K8S_ROWS } from './test-fixtures';

describe('runtimeVersionsForKubernetes', () => {
  it('lists the runtimes for Kubernetes 1.35, newest first', () => {
    expect(runtimeVersionsForKubernetes(REAL_K8S_ROWS, '1.35')).toEqual({
      criVersion: 'v1',
      entries: [
        { cycle: '2.2', minimumVersion: '2.2.0' },
        { cycle: '2.1', minimumVersion: '2.1.5' },
        { cycle: '1.7', minimumVersion: '1.7.28' },
      ],
    });
    expect(runtimeVersionsForKubernetes(REAL_K8S_ROWS, 'v1.36')?.entries.map((e) => e.cycle)).toEqual(['2.3', '2.2']);
  });
  it('returns null for an unknown Kubernetes version', () => {
    expect(runtimeVersionsForKubernetes(REAL_K8S_ROWS, '1.31')).toBeNull();
  });
});

describe('kubernetesVersionsForRuntime', () => {
  it('respects the minimum patch: 2.1.4 supports 1.32–1.34 but not 1.35', () => {
    expect(kubernetesVersionsForRuntime(REAL_K8S_ROWS, '2.1.4').map((a) => a.kubernetesVersion)).toEqual(['1.32', '1.33', '1.34']);
    expect(supportsKubernetes(REAL_K8S_ROWS, '2.1.4', '1.34')).toBe(true);
    expect(supportsKubernetes(REAL_K8S_ROWS, '2.1.4', '1.35')).toBe(false);
    expect(supportsKubernetes(REAL_K8S_ROWS, 'v2.1.5', '1.35')).toBe(true);
    expect(supportsKubernetes(REAL_K8S_ROWS, '2.1.2', '1.34')).toBe(false);
  });
  it('answers for a whole cycle with the minimum patch per Kubernetes version', () => {
    expect(kubernetesVersionsForRuntime(REAL_K8S_ROWS, '2.1')).toEqual([
      { kubernetesVersion: '1.32', criVersion: 'v1', minimumVersion: '2.1.0' },
      { kubernetesVersion: '1.33', criVersion: 'v1', minimumVersion: '2.1.0' },
      { kubernetesVersion: '1.34', criVersion: 'v1', minimumVersion: '2.1.3' },
      { kubernetesVersion: '1.35', criVersion: 'v1', minimumVersion: '2.1.5' },
    ]);
  });
  it('does not let a pre-release satisfy its final release', () => {
    expect(kubernetesVersionsForRuntime(REAL_K8S_ROWS, '2.3.0-rc.1')).toEqual([]);
    expect(kubernetesVersionsForRuntime(REAL_K8S_ROWS, '2.3.0').map((a) => a.kubernetesVersion)).toEqual(['1.36']);
  });
  it('knows nothing of cycles not in the matrix and rejects garbage', () => {
    expect(kubernetesVersionsForRuntime(REAL_K8S_ROWS, '1.5.0')).toEqual([]);
    expect(() => kubernetesVersionsForRuntime(REAL_K8S_ROWS, 'latest')).toThrow(/Not a runtime version/);
  });
});
