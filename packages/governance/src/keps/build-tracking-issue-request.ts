import type { RuntimeStage } from './parse-tracking-issue';

// The exact GitHub request that opening a tracking issue would send, for the dry run. Nothing here
// sends it; the write-back (a later issue) records the result.

export interface TrackingIssueTemplate {
  titlePrefix: string;
  labels: string[];
  /** The form's references heading and field names, in order. */
  referencesHeading: string;
  fields: { key: 'keps' | 'stage' | 'kepIssue' | 'kepPr' | 'k8sRelease' | 'kepOwner' | 'liaison' | 'shepherd'; label: string }[];
  /** Headings of the free-text sections that follow, left for the author. */
  sections: string[];
}

/** containerd's `.github/ISSUE_TEMPLATE/cri_kep.yaml` ("SIG-Node Integration"), field names as the form spells them. */
export const CONTAINERD_TRACKING_TEMPLATE: TrackingIssueTemplate = {
  titlePrefix: '[SIG-Node]: ',
  labels: ['kind/feature', 'area/cri'],
  referencesHeading: 'KEP/SIG-Node References',
  fields: [
    { key: 'keps', label: 'KEP(s)' },
    { key: 'stage', label: 'stage' },
    { key: 'kepIssue', label: 'KEP Issue' },
    { key: 'kepPr', label: 'KEP PR' },
    { key: 'k8sRelease', label: 'K8s-Release' },
    { key: 'kepOwner', label: 'KEP-Owner' },
    { key: 'liaison', label: 'SIG-Node member liason' },
    { key: 'shepherd', label: 'KEP-Shepherd' },
  ],
  sections: ['What is the SIG-Node problem you are trying to solve', 'Describe the solution you would like', 'Additional context'],
};

const STAGE_TEXT: Record<RuntimeStage, string> = { alpha: 'alpha', 'beta-gate-off': 'beta w/gate off', 'beta-gate-on': 'beta w/gate on', ga: 'ga' };

export interface TrackingIssueRequestInput {
  repository: string; // owner/name
  kep: { number: string; title: string };
  stage?: RuntimeStage | null;
  kubernetesRelease?: string | null;
  kepPullRequest?: string | null;
  kepOwners?: string[];
  liaisons?: string[];
  shepherds?: string[];
  milestoneNumber?: number | null;
}

/** The labels a tracking issue carries: the template's, and its Kubernetes target once known. */
export const trackingIssueLabels = (template: TrackingIssueTemplate, kubernetesRelease: string | null | undefined): string[] => [
  ...template.labels,
  ...(kubernetesRelease ? [`target/kubernetes/v${kubernetesRelease}`] : []),
];

/** The shepherds GitHub can assign: teams (org/team) cannot be. */
export const assignableLogins = (shepherds: readonly string[]): string[] => shepherds.filter((login) => !login.includes('/'));

export function buildTrackingIssueRequest(input: TrackingIssueRequestInput, template: TrackingIssueTemplate = CONTAINERD_TRACKING_TEMPLATE) {
  const [owner, repo] = input.repository.split('/');
  const handles = (logins?: string[]) => (logins?.length ? logins.map((login) => `@${login}`).join(', ') : 'TBD');
  const value: Record<TrackingIssueTemplate['fields'][number]['key'], string> = {
    keps: `KEP-${input.kep.number}`,
    stage: input.stage ? STAGE_TEXT[input.stage] : 'TBD',
    kepIssue: `https://github.com/kubernetes/enhancements/issues/${input.kep.number}`,
    kepPr: input.kepPullRequest ?? 'TBD',
    k8sRelease: input.kubernetesRelease ? `v${input.kubernetesRelease}` : 'TBD',
    kepOwner: handles(input.kepOwners),
    liaison: handles(input.liaisons),
    shepherd: handles(input.shepherds),
  };
  const body = [
    `### ${template.referencesHeading}`,
    '',
    ...template.fields.map((field) => `- ${field.label}: ${value[field.key]}`),
    ...template.sections.flatMap((heading) => ['', `### ${heading}`, '', '_No response_']),
    '',
  ].join('\n');
  const labels = trackingIssueLabels(template, input.kubernetesRelease);
  return {
    method: 'POST' as const,
    url: `/repos/${owner}/${repo}/issues`,
    body: {
      title: `${template.titlePrefix}KEP-${input.kep.number} - ${input.kep.title}`,
      body,
      labels,
      ...(input.shepherds?.length ? { assignees: assignableLogins(input.shepherds) } : {}),
      ...(input.milestoneNumber ? { milestone: input.milestoneNumber } : {}),
    },
  };
}
