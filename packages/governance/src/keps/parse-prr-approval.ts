import { GITHUB_HANDLE } from '../github/handles';
import type { KepProblem } from './kep-problems';
import { KEP_MILESTONE_KEYS } from './parse-kep-metadata';

// A Production Readiness Review approval file, keps/prod-readiness/<sig>/<number>.yaml in
// kubernetes/enhancements: the PRR approver of each stage the KEP went through (`alpha:`,
// `beta:`, `stable:`, and for removals `deprecated:` / `disabled:` / `removed:`, each with
// `approver: "@login"`). A stage is PRR-approved when the file names its approver (the file is
// merged only with the approval). Real files are a little messy: logins with and without `@`, and
// a `kep-number` copied from another file (prod-readiness/sig-node/688.yaml says 277).

/** The stages a PRR file can approve: the KEP's milestone keys. */
export const PRR_STAGES = KEP_MILESTONE_KEYS;

export interface PrrApprovalEntry {
  stage: string;
  /** The login without "@"; null when the stage names none. */
  approver: string | null;
}

export interface PrrApprovalMetadata {
  /** The SIG folder the file sits in ("sig-node"). */
  sig: string;
  /** As the file name writes it ("4960"). */
  number: string;
  enhancementIssue: number | null;
  /** In stage order (alpha, beta, stable, deprecated, disabled, removed, then others as written). */
  approvals: PrrApprovalEntry[];
  repository: string | null;
  path: string | null;
}

export interface PrrSourceLocation {
  /** Where the import read it, as shown in problems. */
  file: string;
  /** keps/prod-readiness/<sig>/<number>.yaml, when the path shows it. */
  sig?: string;
  number?: string;
  path?: string;
  repository?: string;
}

/** keps/prod-readiness/<sig>/<number>.yaml; the template (prod-readiness/template/nnnn.yaml) is not one. */
export const PRR_PATH = /^keps\/prod-readiness\/([\w.-]+)\/(\d{1,6})\.yaml$/;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : null);

export function parsePrrApproval(raw: unknown, location: PrrSourceLocation): { prr: PrrApprovalMetadata | null; problems: KepProblem[] } {
  const problems: KepProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ file: location.file, field, message });
  if (!location.sig || !location.number) {
    problem('(file)', 'skipped: not at keps/prod-readiness/<sig>/<number>.yaml, so the KEP it approves is unknown');
    return { prr: null, problems };
  }
  if (!isRecord(raw)) {
    problem('(file)', 'not a map of PRR fields');
    return { prr: null, problems };
  }
  const written = text(raw['kep-number']);
  if (written === null || written === '') problem('kep-number', `missing: read as ${location.number} from the file name`);
  else if (!/^\d+$/.test(written)) problem('kep-number', `"${written}" is not a number: read as ${location.number} from the file name`);
  else if (Number(written) !== Number(location.number)) problem('kep-number', `${written} differs from the file name ${location.number}.yaml: read as ${location.number}`);

  const approvals: PrrApprovalEntry[] = [];
  const keys = Object.keys(raw).filter((key) => key !== 'kep-number');
  const ordered = [...PRR_STAGES.filter((stage) => keys.includes(stage)), ...keys.filter((key) => !(PRR_STAGES as readonly string[]).includes(key))];
  for (const stage of ordered) {
    if (!(PRR_STAGES as readonly string[]).includes(stage)) problem(stage, `not a stage upstream knows (${PRR_STAGES.join('|')}): kept as written`);
    const entry = raw[stage];
    const value = isRecord(entry) ? text(entry.approver) : null;
    if (!isRecord(entry) || value === null || value === '') {
      problem(`${stage}.approver`, 'missing: this stage is not PRR-approved');
      approvals.push({ stage, approver: null });
      continue;
    }
    const login = value.replace(/^@/, '');
    if (!GITHUB_HANDLE.test(login)) {
      problem(`${stage}.approver`, `"${value}" is not a GitHub login`);
      approvals.push({ stage, approver: null });
      continue;
    }
    approvals.push({ stage, approver: login });
  }
  if (approvals.length === 0) problem('(file)', 'no stage is approved');
  return {
    prr: {
      sig: location.sig,
      number: location.number,
      enhancementIssue: Number(location.number) || null,
      approvals,
      repository: location.repository ?? null,
      path: location.path ?? null,
    },
    problems,
  };
}

/** The approver of `stage`, for Kubernetes stages and the runtime's ("beta-gate-on" is beta, "ga" stable). */
export function prrApproverOf(approvals: PrrApprovalEntry[], stage: string): string | null {
  const kubernetesStage = stage.startsWith('beta') ? 'beta' : stage === 'ga' ? 'stable' : stage;
  return approvals.find((entry) => entry.stage === kubernetesStage)?.approver ?? null;
}
