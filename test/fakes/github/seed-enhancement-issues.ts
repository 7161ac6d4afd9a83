import type { FakeRepository } from './model';
import type { FakeGithub } from './server';

// kubernetes/enhancements' issues in the Kubernetes 1.37 cycle, as on 2026-06-16 (the day before the
// enhancements freeze) and, after `afterEnhancementsFreeze()`, as on 2026-07-09,
// shaped like the real ones: the issue number is the KEP number, the title the KEP's, the body the
// "Enhancement Description" form, `sig/*`, `stage/*`, `lead-opted-in`, `tracked/*` and
// `kind/feature` labels, milestones named `v1.NN`, and the enhancements team's status comments
// after the sig-release handbook's templates. Crafted (not recorded): KEP numbers, titles and
// authors are the real ones of test/fixtures/keps; states, dates and comments are invented.

const LABELS: [string, string][] = [
  ['sig/node', 'd2b48c'], ['sig/scheduling', 'd2b48c'], ['sig/autoscaling', 'd2b48c'], ['kind/feature', 'c7def8'], ['kind/kep', 'cc99ff'],
  ['stage/alpha', 'd93f0b'], ['stage/beta', 'fbca04'], ['stage/stable', '0e8a16'], ['lead-opted-in', '0052cc'],
  ['tracked/yes', '0e8a16'], ['tracked/no', 'e11d21'], ['tracked/out-of-tree', 'c2e0c6'], ['lifecycle/stale', '795548'],
];

const at = (day: string) => Date.parse(`${day}T12:00:00Z`);

/** The enhancement issue form, as KEP authors fill it. */
const description = (summary: string, kep: string, author: string, targets: string) =>
  `### Enhancement Description\n\n- One-line enhancement description (can be used as a release note): ${summary}\n- Kubernetes Enhancement Proposal: https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/${kep}\n- Discussion Link: https://github.com/kubernetes/community/tree/master/sig-node\n- Primary contact (assignee): @${author}\n- Responsible SIGs: sig-node\n- Enhancement target (which target equals to which milestone):\n${targets}\n\n/sig node`;

const hello = (release: string, owner: string) => `Hello @${owner} 👋, ${release} Enhancements team here.`;

export interface SeededEnhancementIssues {
  repo: FakeRepository;
  /** The second half of the cycle: removals and deferrals after the enhancements freeze. */
  afterEnhancementsFreeze(): void;
}

/**
 * Seeds kubernetes/enhancements issues for 1.37: KEP-4960, KEP-6035 and KEP-5823 tracked, KEP-5758
 * announced "at risk for enhancements freeze", KEP-2033 opted in, KEP-5855 in the milestone without
 * lead-opted-in, KEP-4033 closed after 1.34; and a KEP pull request, which a sync leaves out. After
 * the freeze: KEP-5758 removed (tracked/no, milestone cleared), KEP-2033 moved to v1.38, KEP-5823
 * announced "at risk for code freeze".
 */
export function seedEnhancementIssues(fake: FakeGithub, fullName = 'kubernetes/enhancements'): SeededEnhancementIssues {
  const repo = fake.repository(fullName);
  for (const [name, color] of LABELS) if (!repo.labels.some((label) => label.name === name)) repo.addLabel(name, color);
  repo.addMilestone({ title: 'v1.36', state: 'closed', dueOn: '2026-04-22T07:00:00Z', closedAt: '2026-05-16T12:00:00Z' });
  const v137 = repo.addMilestone({ title: 'v1.37', dueOn: '2026-08-26T07:00:00Z' });
  const v138 = repo.addMilestone({ title: 'v1.38', dueOn: '2026-12-16T08:00:00Z' });
  const issue = (number: number, title: string, created: string, updated: string, fields: { body: string; labels: string[]; milestone?: number | null; state?: 'open' | 'closed'; author: string }) =>
    repo.addIssue({ number, title, createdAt: `${created}T09:00:00Z`, updatedAt: `${updated}T12:00:00Z`, milestone: fields.milestone ?? null, labels: fields.labels, body: fields.body, author: fields.author, state: fields.state ?? 'open', closedAt: fields.state === 'closed' ? `${updated}T12:00:00Z` : null });

  issue(2033, 'Rootless mode', '2020-09-23', '2026-06-02', {
    author: 'AkihiroSuda', labels: ['sig/node', 'stage/beta', 'lead-opted-in', 'kind/feature'], milestone: v137.number,
    body: description('Run kubelet and the CRI runtime in a user namespace (rootless).', '2033-kubelet-in-userns-aka-rootless', 'AkihiroSuda', '  - Alpha release target (x.y): 1.22\n  - Beta release target (x.y): 1.37'),
  });
  issue(4033, 'Discover cgroup driver from CRI', '2023-05-25', '2025-09-10', {
    author: 'marquiz', state: 'closed', labels: ['sig/node', 'stage/stable', 'kind/feature'], milestone: null,
    body: description('The kubelet reads the cgroup driver from the CRI runtime.', '4033-group-driver-detection-over-cri', 'marquiz', '  - Alpha release target (x.y): 1.28\n  - Beta release target (x.y): 1.31\n  - Stable release target (x.y): 1.34'),
  });
  issue(4960, 'Container Stop Signals', '2024-11-21', '2026-06-10', {
    author: 'sreeram-venkitesh', labels: ['sig/node', 'stage/beta', 'lead-opted-in', 'tracked/yes', 'kind/feature'], milestone: v137.number,
    body: description('Containers can define the signal that stops them.', '4960-container-stop-signals', 'sreeram-venkitesh', '  - Alpha release target (x.y): 1.33\n  - Beta release target (x.y): 1.37'),
  });
  issue(5758, 'Per-container ulimits configuration', '2025-12-01', '2026-06-03', {
    author: 'HirazawaUi', labels: ['sig/node', 'stage/alpha', 'lead-opted-in'], milestone: v137.number,
    body: description('Set ulimits per container.', '5758-per-container-ulimits-configuration', 'HirazawaUi', '  - Alpha release target (x.y): 1.37'),
  });
  issue(5823, 'Pod-level Checkpoint/Restore', '2026-01-14', '2026-06-12', {
    author: 'rst0git', labels: ['sig/node', 'stage/alpha', 'lead-opted-in', 'tracked/yes', 'kind/feature'], milestone: v137.number,
    body: description('Checkpoint and restore a whole pod.', '5823-pod-level-checkpoint-restore', 'rst0git', '  - Alpha release target (x.y): 1.37'),
  });
  issue(5855, 'Allow bind mount options (noexec, nodev, nosuid) on volumeMounts', '2026-02-02', '2026-05-20', {
    author: 'nispriha', labels: ['sig/node', 'stage/alpha'], milestone: v137.number,
    body: description('Mount volumes noexec, nodev or nosuid.', '5855-noexec-emptyDir', 'nispriha', '  - Alpha release target (x.y): 1.37'),
  });
  issue(6035, 'Exec session identity propagation', '2026-04-28', '2026-06-15', {
    author: 'sigtrapd', labels: ['sig/node', 'stage/alpha', 'lead-opted-in', 'tracked/yes', 'kind/feature'], milestone: v137.number,
    body: description('Exec sessions carry who started them.', '6035-exec-session-identity', 'sigtrapd', '  - Alpha release target (x.y): 1.37\n  - Beta release target (x.y): 1.38'),
  });
  // A KEP pull request carries sig/node too; the issues list includes it.
  repo.addIssue({ number: 6300, title: 'KEP-6035: exec session identity, alpha', pullRequest: true, labels: ['sig/node', 'kind/kep'], author: 'sigtrapd', createdAt: '2026-05-02T09:00:00Z', updatedAt: '2026-06-11T12:00:00Z', body: 'One-line PR description: KEP for alpha in v1.37' });

  // The enhancements team's status comments (sig-release handbook templates, shortened).
  repo.addComment(4960, `${hello('v1.37', 'sreeram-venkitesh')}\n\nWith all the KEP requirements in place and merged into k/enhancements, this enhancement is all good for the upcoming enhancements freeze. 🚀\n\nThe status of this enhancement is marked as \`Tracked for enhancements freeze\`. Please keep the issue description up-to-date with appropriate stages as well. Thank you!\n\n/label tracked/yes`, 'enhancements-shadow', at('2026-06-10'));
  repo.addComment(5823, `${hello('v1.37', 'rst0git')}\n\nThe status of this enhancement is marked as \`Tracked for enhancements freeze\`.\n\n/label tracked/yes`, 'enhancements-shadow', at('2026-06-12'));
  repo.addComment(5758, `${hello('v1.37', 'HirazawaUi')}\n\nJust checking in as we approach enhancements freeze.\n\n- [ ] KEP has a production readiness review that has been completed and merged into k/enhancements.\n\nThe status of this enhancement is marked as \`At risk for enhancements freeze\`.`, 'enhancements-shadow', at('2026-06-03'));
  repo.addComment(6035, `/label lead-opted-in\n/milestone v1.37`, 'mrunalp', at('2026-05-30'));
  repo.addComment(6035, `${hello('v1.37', 'sigtrapd')}\n\nThe status of this enhancement is marked as \`Tracked for enhancements freeze\`.\n\n/label tracked/yes`, 'enhancements-shadow', at('2026-06-15'));

  return {
    repo,
    afterEnhancementsFreeze() {
      repo.addComment(5823, `Hey again @rst0git 👋, v1.37 Enhancements team here,\n\nJust checking in as we approach code freeze at **Thursday 23rd July 2026, 12:00 UTC**.\n\n- [ ] All PRs to the Kubernetes repo that are related to your enhancement are linked in the above issue description (for tracking purposes).\n- [ ] All PRs are ready to be merged (they have \`approved\` and \`lgtm\` labels applied) by the code freeze deadline.\n\nThe status of this enhancement is marked as \`At risk for code freeze\`.`, 'enhancements-shadow', at('2026-07-08'));
      // Removed at the freeze party: /label tracked/no, /milestone clear.
      repo.addComment(5758, `Hello @HirazawaUi 👋, v1.37 Enhancements team here.\n\nUnfortunately, this enhancement did not meet requirements for enhancements freeze.\n\n/label tracked/no\n/milestone clear`, 'enhancements-shadow', at('2026-06-18'));
      Object.assign(repo.issues.find((i) => i.number === 5758)!, { labels: ['sig/node', 'stage/alpha', 'lead-opted-in', 'tracked/no'], milestone: null, updatedAt: '2026-06-18T12:05:00Z' });
      // Bumped to the next release by the SIG.
      Object.assign(repo.issues.find((i) => i.number === 2033)!, { labels: ['sig/node', 'stage/beta', 'lead-opted-in'], milestone: v138.number, updatedAt: '2026-06-19T08:00:00Z' });
    },
  };
}
