import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../db/config';
import { buildTrackingIssueRequest } from './build-tracking-issue-request';
import { cycleOfMilestone, parseTrackingIssue, type TrackingIssueInput } from './parse-tracking-issue';

// Real webhook envelopes (octokit/webhooks examples, copied as test/fixtures/github/webhooks/kep-*)
// carry the issue; the SIG-Node bodies below follow containerd's issue form (cri_kep.yaml) as GitHub
// renders it, with the variations real bodies show.
const WEBHOOKS = path.join(PROJECT_ROOT, 'test', 'fixtures', 'github', 'webhooks');

function fromWebhook(file: string, overrides: Partial<TrackingIssueInput> = {}): TrackingIssueInput {
  const { issue } = JSON.parse(fs.readFileSync(path.join(WEBHOOKS, file), 'utf8'));
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body,
    labels: issue.labels.map((label: { name: string }) => label.name),
    milestone: issue.milestone?.title ?? null,
    state: issue.state,
    stateReason: issue.state_reason ?? null,
    updatedAt: issue.updated_at,
    ...overrides,
  };
}

const FORM = (fields: string) => `### KEP/SIG-Node References

${fields}

### What is the SIG-Node problem you are trying to solve

Pods need: a stop signal per container. Owner: not a field here.

### Describe the solution you would like

_No response_`;

describe('tracking issues', () => {
  it('does not take an ordinary issue from a real webhook for a tracking issue', () => {
    const parsed = parseTrackingIssue(fromWebhook('kep-issues-edited.json'));
    expect(parsed.isTrackingIssue).toBe(false);
    expect(parsed.kepNumber).toBeNull();
    expect(parsed.problems).toEqual([]);
  });

  it('reads the issue form as the template fills it', () => {
    const issue = fromWebhook('kep-issues-opened.json', {
      title: '[SIG-Node]: KEP-4960 - Container Stop Signals',
      labels: ['kind/feature', 'area/cri', 'target/kubernetes/v1.37'],
      milestone: '2.3',
      body: FORM(`- KEP(s): 4960
- stage: beta w/gate on
- KEP Issue: https://github.com/kubernetes/enhancements/issues/4960
- KEP PR: https://github.com/kubernetes/enhancements/pull/6410
- K8s-Release: v1.37
- KEP-Owner: @sreeram-venkitesh
- SIG-Node member liason: @mikebrow
- KEP-Shepherd: @samuelkarp, @fuweid`),
    });
    const parsed = parseTrackingIssue(issue);
    expect(parsed).toMatchObject({
      isTrackingIssue: true,
      kepNumber: '4960',
      summary: 'Container Stop Signals',
      stage: 'beta-gate-on',
      kepIssue: 'https://github.com/kubernetes/enhancements/issues/4960',
      kepPullRequests: [{ url: 'https://github.com/kubernetes/enhancements/pull/6410', qualifier: null }],
      kubernetesRelease: '1.37',
      kepOwners: ['sreeram-venkitesh'],
      liaisons: ['mikebrow'],
      shepherds: ['samuelkarp', 'fuweid'],
      targetCycle: '2.3',
      extra: {},
      problems: [],
    });
  });

  it('finds the number written as KEP-NNNN, as a link, or only in the title', () => {
    const base = { number: 1, body: '', labels: ['kind/feature', 'area/cri'], milestone: null, state: 'open', updatedAt: '2026-01-01T00:00:00Z' };
    expect(parseTrackingIssue({ ...base, title: '[SIG-Node]: KEP 5307 - Container restart rules' }).kepNumber).toBe('5307');
    expect(parseTrackingIssue({ ...base, title: '[SIG-Node] 4033 - cgroup driver over CRI' }).kepNumber).toBe('4033');
    expect(parseTrackingIssue({ ...base, title: '[SIG-Node]: Image volumes (KEP-4639)' }).kepNumber).toBe('4639');
    const linked = parseTrackingIssue({ ...base, title: '[SIG-Node]: user namespaces', body: FORM('- KEP(s): https://github.com/kubernetes/enhancements/issues/127\n- stage: beta') });
    expect(linked.kepNumber).toBe('127');
    expect(linked.problems).toEqual([{ field: 'stage', message: '"beta" is not one of alpha | beta w/gate off | beta w/gate on | ga' }]);
    const none = parseTrackingIssue({ ...base, title: '[SIG-Node]: something for sig-node v1.33' });
    expect(none.kepNumber).toBeNull();
    expect(none.problems[0].field).toBe('KEP(s)');
  });

  it('reads several handles, team names, TBD, bold keys, nested lines and extra keys', () => {
    const parsed = parseTrackingIssue({
      number: 12,
      title: '[SIG-Node]: KEP-6061 - Pod-level checkpoint',
      labels: ['kind/feature', 'area/cri', 'target/kubernetes/v1.36', 'target/kubernetes/v1.37'],
      milestone: 'v2.4.0',
      state: 'open',
      updatedAt: '2026-02-01T00:00:00Z',
      body: FORM(`* **KEP(s)**: KEP-6061, #5823
* **stage**: Beta (gate off by default)
* **KEP Issue**: TBD
* **KEP PR**:
  - https://github.com/kubernetes/enhancements/pull/5851
  - https://github.com/kubernetes/enhancements/pull/5900
* **K8s-Release**: 1.36 (alpha), 1.37
* **KEP-Owner**: @adrianreber and @rst0git (SIG-Node)
* **SIG-Node member liaison**: @containerd/committers
* **KEP-Shepherd**: TBD
* **CRI-O status**: merged in 1.35`),
    });
    expect(parsed).toMatchObject({
      kepNumber: '6061',
      kepNumbers: ['6061', '5823'],
      stage: 'beta-gate-off',
      kepIssue: null,
      kepPullRequests: [
        { url: 'https://github.com/kubernetes/enhancements/pull/5851', qualifier: null },
        { url: 'https://github.com/kubernetes/enhancements/pull/5900', qualifier: null },
      ],
      kubernetesRelease: '1.37',
      kubernetesTargets: ['1.36', '1.37'],
      kepOwners: ['adrianreber', 'rst0git'],
      liaisons: ['containerd/committers'],
      shepherds: [],
      targetCycle: '2.4',
      extra: { 'CRI-O status': 'merged in 1.35' },
    });
    expect(parsed.problems).toEqual([]);
  });

  it('reports a field that disagrees with the labels, an unreadable milestone and the unfilled template', () => {
    const parsed = parseTrackingIssue({
      number: 13,
      title: '[SIG-Node]: <KEP-number - Short Description>',
      labels: ['kind/feature', 'area/cri', 'target/kubernetes/v1.36'],
      milestone: 'backlog',
      state: 'open',
      updatedAt: '2026-02-01T00:00:00Z',
      body: FORM('- KEP(s): 4210\n- stage: alpha|beta w/gate off|beta w/gate on|ga\n- K8s-Release: v1.35\n- KEP-Shepherd: mikebrow'),
    });
    expect(parsed.kepNumber).toBe('4210');
    expect(parsed.shepherds).toEqual(['mikebrow']);
    expect(parsed.kubernetesRelease).toBe('1.36');
    expect(parsed.problems.map((p) => p.field)).toEqual(['K8s-Release', 'stage', 'milestone']);
  });

  it('reads a body without the form headings (an issue written by hand) and ignores prose after a heading', () => {
    const parsed = parseTrackingIssue({
      number: 14,
      title: 'Support KEP-3619 supplemental groups policy',
      labels: ['kind/feature', 'area/cri'],
      milestone: null,
      state: 'open',
      updatedAt: '2026-02-01T00:00:00Z',
      body: 'KEP: 3619\nShepherd: @everpeace will shepherd this\nstage: GA\n\n## Notes\nKEP-Shepherd: @someone-else',
    });
    expect(parsed).toMatchObject({ isTrackingIssue: true, kepNumber: '3619', shepherds: ['everpeace'], stage: 'ga' });
  });

  it('names release cycles from milestones', () => {
    expect(['2.4', 'v2.4', 'v2.4.0', 'backlog', null].map(cycleOfMilestone)).toEqual(['2.4', '2.4', '2.4', null, null]);
  });
});

// Bodies as people fill containerd's cri_kep form in practice (crafted after the real variations the
// issue lists: nested stage lines, placeholders, SIG names, a kubernetes/kubernetes PR as the KEP
// issue, qualified keys, trailing punctuation, backup liaisons, a broken target label).
describe('tracking-issue bodies as people really fill them', () => {
  const issue = (body: string, overrides: Partial<TrackingIssueInput> = {}): TrackingIssueInput => ({
    number: 12101, title: '[SIG-Node]: KEP-5307 - Container Restart Policy', labels: ['kind/feature', 'area/cri'], milestone: '2.3', state: 'open', updatedAt: '2026-03-01T00:00:00Z', body: FORM(body), ...overrides,
  });

  it('reads stage given as nested lines per Kubernetes release, and picks the one for the target', () => {
    const body = `- KEP(s): 5307
- stage:
  - Alpha: 1.36.
  - Beta: 1.38 (hopefully).
- K8s-Release: v1.36
- KEP-Shepherd: @fuweid`;
    const parsed = parseTrackingIssue(issue(body));
    expect(parsed.stagePlan).toEqual([
      { stage: 'alpha', kubernetesRelease: '1.36', tentative: false, text: 'Alpha: 1.36' },
      { stage: 'beta', kubernetesRelease: '1.38', tentative: true, text: 'Beta: 1.38 (hopefully)' },
    ]);
    expect(parsed).toMatchObject({ stage: 'alpha', kubernetesRelease: '1.36', shepherds: ['fuweid'], problems: [] });

    // Without bullets, and with the Kubernetes target only in the labels.
    const bare = parseTrackingIssue(issue('KEP(s): 5307\nstage:\nAlpha: 1.36.\nBeta w/gate off: 1.38 (hopefully).\n\nKEP-Shepherd: @fuweid', { labels: ['kind/feature', 'area/cri', 'target/kubernetes/v1.38'] }));
    expect(bare).toMatchObject({ stage: 'beta-gate-off', kubernetesRelease: '1.38', problems: [] });
    expect(bare.stagePlan.map((entry) => entry.stage)).toEqual(['alpha', 'beta-gate-off']);

    // A plan with no target says so instead of losing the stage silently.
    const untargeted = parseTrackingIssue(issue('- KEP(s): 5307\n- stage:\n  - Alpha: 1.36.\n  - Beta: 1.38 (hopefully).'));
    expect(untargeted.stage).toBeNull();
    expect(untargeted.problems).toEqual([{ field: 'stage', message: 'several stages planned (alpha in 1.36, beta in 1.38): no target/kubernetes label or K8s-Release says which is current' }]);
    // Plain "beta" for the target does not say which gate.
    expect(parseTrackingIssue(issue('- KEP(s): 5307\n- stage: Alpha: 1.36, Beta: 1.38\n- K8s-Release: 1.38')).problems).toEqual([
      { field: 'stage', message: '"Beta: 1.38" does not say whether the beta feature gate is off or on (alpha | beta w/gate off | beta w/gate on | ga)' },
    ]);
  });

  it('turns placeholders into nothing: no PR list of "see", "issue", "link", no login "TBD"', () => {
    const body = `- KEP(s): KEP-4639
- stage: beta w/gate on
- KEP Issue: see issue link
- KEP PR: see issue link
- K8s-Release: TBD
- KEP-Owner: N/A
- SIG-Node member liason: -
- KEP-Shepherd: TBD.`;
    const parsed = parseTrackingIssue(issue(body, { title: '[SIG-Node]: KEP-4639 - OCI images as VolumeSource' }));
    expect(parsed).toMatchObject({ kepNumber: '4639', kepIssue: null, kepPullRequests: [], kubernetesRelease: null, kepOwners: [], liaisons: [], shepherds: [], problems: [] });
    // Prose that names nobody is reported, not stored as logins.
    const prose = parseTrackingIssue(issue('- KEP(s): 5307\n- KEP-Shepherd: whoever is free next cycle\n- KEP PR: will open after the SIG meeting'));
    expect(prose.shepherds).toEqual([]);
    expect(prose.kepPullRequests).toEqual([]);
    expect(prose.problems).toEqual([
      { field: 'KEP-Shepherd', message: '"whoever is free next cycle" names no @login' },
      { field: 'KEP PR', message: '"will open after the SIG meeting" names no pull request' },
    ]);
  });

  it('keeps SIG names out of logins and flags a kubernetes/kubernetes PR given as the KEP issue', () => {
    const body = `- KEP(s): 4639
- KEP Issue: https://github.com/kubernetes/kubernetes/pull/130612
- KEP-Owner: sig-network
- SIG-Node member liaison: @sig-node
- KEP-Shepherd: @samuelkarp`;
    const parsed = parseTrackingIssue(issue(body, { title: '[SIG-Node]: KEP-4639 - OCI images as VolumeSource' }));
    expect(parsed).toMatchObject({ kepNumber: '4639', kepIssue: null, kepOwners: [], liaisons: [], shepherds: ['samuelkarp'], sigs: ['sig-network', 'sig-node'] });
    expect(parsed.problems).toEqual([
      { field: 'KEP Issue', message: "https://github.com/kubernetes/kubernetes/pull/130612 is a kubernetes/kubernetes pull request, not the KEP's kubernetes/enhancements issue: not used" },
      { field: 'KEP-Owner', message: '"sig-network" is a SIG, not a GitHub login: not taken as one' },
      { field: 'SIG-Node member liaison', message: '"@sig-node" is a SIG, not a GitHub login: not taken as one' },
    ]);
    // A short reference to kubernetes/kubernetes is flagged too; a bare number means the enhancements issue.
    expect(parseTrackingIssue(issue('- KEP(s): 4639\n- KEP Issue: kubernetes/kubernetes#12345')).problems[0].message).toMatch(/^https:\/\/github\.com\/kubernetes\/kubernetes\/issues\/12345 is a kubernetes\/kubernetes issue/);
    expect(parseTrackingIssue(issue('- KEP(s): 4639\n- KEP Issue: #4639')).kepIssue).toBe('https://github.com/kubernetes/enhancements/issues/4639');
  });

  it('reads keys with qualifiers, strips trailing punctuation from links, and keeps backup liaisons', () => {
    const body = `- KEP(s): [KEP-5307](https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/5307-container-restart-policy).
- stage: alpha
- KEP Issue: https://github.com/kubernetes/enhancements/issues/5307.
- KEP PR (alpha): https://github.com/kubernetes/enhancements/pull/5308,
- KEP PR (beta): (https://github.com/kubernetes/enhancements/pull/5532)
- KEP PR:
  - ga: https://github.com/kubernetes/enhancements/pull/5999.
- K8s-Release (alpha): v1.34
- KEP-Owner: [@yuanwang04](https://github.com/yuanwang04)
- SIG-Node member liaison: @mikebrow (backups: @samuelkarp, @dmcgowan)
- KEP-Shepherd: @fuweid.`;
    const parsed = parseTrackingIssue(issue(body));
    expect(parsed).toMatchObject({
      kepNumber: '5307',
      kepKey: 'sig-node/5307-container-restart-policy',
      kepIssue: 'https://github.com/kubernetes/enhancements/issues/5307',
      kepPullRequests: [
        { url: 'https://github.com/kubernetes/enhancements/pull/5308', qualifier: 'alpha' },
        { url: 'https://github.com/kubernetes/enhancements/pull/5532', qualifier: 'beta' },
        { url: 'https://github.com/kubernetes/enhancements/pull/5999', qualifier: 'ga' },
      ],
      kubernetesRelease: '1.34',
      kepOwners: ['yuanwang04'],
      liaisons: ['mikebrow'],
      backupLiaisons: ['samuelkarp', 'dmcgowan'],
      shepherds: ['fuweid'],
      problems: [],
    });
    const nested = parseTrackingIssue(issue('- KEP(s): 5307\n- SIG-Node member liaison:\n  - @mikebrow\n  - backup: @samuelkarp'));
    expect(nested).toMatchObject({ liaisons: ['mikebrow'], backupLiaisons: ['samuelkarp'] });
  });

  it('reports a target/kubernetes label it cannot read instead of ignoring it', () => {
    const parsed = parseTrackingIssue(issue('- KEP(s): 5307\n- stage: alpha\n- K8s-Release: v1.36', { labels: ['kind/feature', 'area/cri', 'target/kubernetes/v1.??'] }));
    expect(parsed.kubernetesRelease).toBe('1.36');
    expect(parsed.problems).toEqual([{ field: 'labels', message: '"target/kubernetes/v1.??" names no Kubernetes release: ignored' }]);
  });
});

describe('the dry-run request for a new tracking issue', () => {
  it('builds the exact POST body from the template, and parses back to the same fields', () => {
    const request = buildTrackingIssueRequest({ repository: 'containerd/containerd', kep: { number: '4960', title: 'Container Stop Signals' }, stage: 'beta-gate-on', kubernetesRelease: '1.37', shepherds: ['samuelkarp', 'containerd/committers'], liaisons: ['mikebrow'], milestoneNumber: 52 });
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/repos/containerd/containerd/issues');
    expect(request.body).toMatchObject({ title: '[SIG-Node]: KEP-4960 - Container Stop Signals', labels: ['kind/feature', 'area/cri', 'target/kubernetes/v1.37'], assignees: ['samuelkarp'], milestone: 52 });
    const parsed = parseTrackingIssue({ number: 1, title: request.body.title, body: request.body.body, labels: request.body.labels, milestone: '2.3', state: 'open', updatedAt: 'x' });
    expect(parsed).toMatchObject({ kepNumber: '4960', stage: 'beta-gate-on', kubernetesRelease: '1.37', shepherds: ['samuelkarp', 'containerd/committers'], liaisons: ['mikebrow'], kepOwners: [], problems: [] });
  });
});
