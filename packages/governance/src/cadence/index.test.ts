import { describe, expect, it } from 'vitest';
import * as api from './index';

describe('public API', () => {
  it('exports the engine entry points and keeps test data private', () => {
    for (const name of [
      'parsePolicyRules', 'policyInForce', 'generateSchedule', 'whatIfSchedule', 'checkPlanRules', 'reportAdherence',
      'checkUpgradePath', 'kubernetesVersionsForRuntime', 'runtimeVersionsForKubernetes', 'checkDeprecations',
      'renderReleasesTable', 'renderKubernetesTable', 'aoeEndOfDay', 'formatProjectDate', 'derivePhase',
    ]) {
      expect(typeof (api as Record<string, unknown>)[name], name).toBe('function');
    }
    expect('POLICIES' in api).toBe(false);
  });
});
