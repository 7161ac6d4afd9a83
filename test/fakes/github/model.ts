import { createHash } from 'node:crypto';

// The fake GitHub's data: repositories with issues (and pull requests), milestones, labels,
// releases, tags and files, rendered in the shapes of GitHub's OpenAPI description
// (test/fixtures/github/openapi-sync.json checks them in github-fake.test.ts).

export interface FakeIssue {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  pullRequest: boolean;
  mergedAt: string | null;
  draft: boolean;
  labels: string[];
  milestone: number | null;
  author: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  assignees?: string[];
}
export interface FakeComment { id: number; issue: number; body: string; author: string; createdAt: string }
export interface FakeMilestone { number: number; title: string; state: 'open' | 'closed'; description: string | null; dueOn: string | null; createdAt: string; updatedAt: string; closedAt: string | null }
export interface FakeLabel { id: number; name: string; color: string; description: string | null }
export interface FakeRelease { id: number; tagName: string; name: string; prerelease: boolean; draft: boolean; createdAt: string; publishedAt: string }
export interface FakeTag { name: string; sha: string }
/**
 * What GitHub answers for a number that is no longer in the repository's issues list: 410 for an
 * issue deleted here, 301 (Location: the issue's new API URL) for one transferred elsewhere, 404
 * for one transferred to a repository the reader cannot see.
 */
export type GoneIssue = { status: 410 } | { status: 404 } | { status: 301; repository: FakeRepository; number: number };

/** Seconds precision, like every GitHub timestamp. */
export const githubTime = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

export class FakeRepository {
  readonly id: number;
  issues: FakeIssue[] = [];
  milestones: FakeMilestone[] = [];
  labels: FakeLabel[] = [];
  releases: FakeRelease[] = [];
  /** Newest first, as the tags list answers. */
  tags: FakeTag[] = [];
  files = new Map<string, string>();
  comments: FakeComment[] = [];
  /** Numbers whose issue was deleted or transferred away (see GoneIssue). */
  gone = new Map<number, GoneIssue>();
  /** Tokens that may read but not write here (GitHub answers their writes with 403). */
  readOnlyTokens = new Set<string>();
  private nextId = 1000;
  // Issues and pull requests share one sequence; a deleted number is never given out again.
  private nextNumber = 1;

  readonly createdAt: number;

  constructor(readonly owner: string, readonly name: string, private readonly now: () => number, id: number) {
    this.id = id;
    this.createdAt = now();
  }

  get fullName() {
    return `${this.owner}/${this.name}`;
  }

  addIssue(fields: Partial<FakeIssue> & { title: string }): FakeIssue {
    const at = githubTime(this.now());
    const issue: FakeIssue = {
      number: this.nextNumber, body: null, state: 'open', pullRequest: false, mergedAt: null, draft: false, labels: [], milestone: null,
      author: 'octocat', createdAt: at, updatedAt: at, closedAt: null, ...fields,
    };
    this.nextNumber = Math.max(this.nextNumber, issue.number) + 1;
    this.issues.push(issue);
    return issue;
  }

  // Only issues can leave a repository; GitHub neither deletes nor transfers pull requests.
  private takeIssue(number: number): FakeIssue {
    const index = this.issues.findIndex((candidate) => candidate.number === number);
    if (index < 0) throw new Error(`fake GitHub: ${this.fullName} has no issue #${number}`);
    if (this.issues[index].pullRequest) throw new Error(`fake GitHub: #${number} is a pull request; GitHub cannot delete or transfer it`);
    return this.issues.splice(index, 1)[0];
  }

  /** Deletes an issue as a repository admin does: it leaves every list, and GET answers 410. */
  deleteIssue(number: number): void {
    this.takeIssue(number);
    this.gone.set(number, { status: 410 });
  }

  /**
   * Transfers an issue to another repository, where it gets that repository's next number and
   * keeps its creation time; here it leaves every list and GET answers 301 to its new URL (404
   * when the target is `private` to the reader).
   */
  transferIssue(number: number, target: FakeRepository, options: { private?: boolean } = {}): FakeIssue {
    const { number: _here, ...issue } = this.takeIssue(number);
    const moved = target.addIssue({ ...issue, milestone: null, updatedAt: githubTime(this.now()) });
    this.gone.set(number, options.private ? { status: 404 } : { status: 301, repository: target, number: moved.number });
    return moved;
  }

  /** Changes an issue the way an edit on github.com does: its `updated_at` moves to now. */
  updateIssue(number: number, changes: Partial<FakeIssue>): FakeIssue {
    const issue = this.issues.find((candidate) => candidate.number === number);
    if (!issue) throw new Error(`fake GitHub: ${this.fullName} has no issue #${number}`);
    return Object.assign(issue, changes, { updatedAt: githubTime(this.now()) });
  }

  addMilestone(fields: Partial<FakeMilestone> & { title: string }): FakeMilestone {
    const at = githubTime(this.now());
    const milestone: FakeMilestone = { number: this.milestones.length + 1, state: 'open', description: null, dueOn: null, createdAt: at, updatedAt: at, closedAt: null, ...fields };
    this.milestones.push(milestone);
    return milestone;
  }

  addLabel(name: string, color = 'ededed', description: string | null = null): FakeLabel {
    const label = { id: this.nextId++, name, color, description };
    this.labels.push(label);
    return label;
  }

  /** A comment now (or at `at`, ms); the issue's `updated_at` moves with it, as on github.com. */
  addComment(issue: number, body: string, author: string, at?: number): FakeComment {
    const comment = { id: this.nextId++, issue, body, author, createdAt: githubTime(at ?? this.now()) };
    this.comments.push(comment);
    if (at === undefined) this.updateIssue(issue, {});
    else Object.assign(this.issues.find((candidate) => candidate.number === issue)!, { updatedAt: comment.createdAt });
    return comment;
  }

  /**
   * A tag, first in the list unless `position` says where GitHub lists it (GitHub does not list
   * tags by date: a new patch tag of an old branch lands deep in the list, on a later page);
   * with `release` also its GitHub release (created = tagged commit's date).
   */
  addTag(name: string, options: { release?: boolean; at?: number; position?: number } = {}): FakeTag {
    const tag = { name, sha: sha1Like(`${this.fullName}:${name}`) };
    this.tags.splice(options.position ?? 0, 0, tag);
    if (options.release) {
      const at = githubTime(options.at ?? this.now());
      this.releases.unshift({ id: this.nextId++, tagName: name, name: name, prerelease: name.includes('-'), draft: false, createdAt: at, publishedAt: at });
    }
    return tag;
  }
}

function sha1Like(text: string): string {
  let hash = 0n;
  for (const char of text) hash = (hash * 131n + BigInt(char.charCodeAt(0))) % (1n << 160n);
  return hash.toString(16).padStart(40, '0');
}

export const blobSha = (text: string) => createHash('sha1').update(`blob ${Buffer.byteLength(text)}\0${text}`).digest('hex');

// ---- Representations (the fields GitHub's schemas require; URLs absolute to the fake) ----

export function renderUser(base: string, login: string, id = 1) {
  const url = `${base}/users/${login}`;
  return {
    login, id, node_id: 'MDQ6VXNlcjE=', avatar_url: `${base}/avatars/${login}`, gravatar_id: '', url, html_url: `https://github.com/${login}`,
    followers_url: `${url}/followers`, following_url: `${url}/following{/other_user}`, gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`, subscriptions_url: `${url}/subscriptions`, organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`, events_url: `${url}/events{/privacy}`, received_events_url: `${url}/received_events`, type: 'User', site_admin: false,
  };
}

/** The repository object (`GET /repos/{owner}/{repo}`, and `GET /repositories/{id}`). */
export function renderRepository(base: string, repo: FakeRepository) {
  const url = `${base}/repos/${repo.fullName}`;
  const created = repo.issues.reduce((first, issue) => (issue.createdAt < first ? issue.createdAt : first), githubTime(repo.createdAt));
  const open = repo.issues.filter((issue) => issue.state === 'open').length;
  const templated = (name: string, suffix: string) => [`${name}_url`, `${url}/${name.replace(/_/g, '/')}${suffix}`];
  return {
    id: repo.id, node_id: 'MDEwOlJlcG9zaXRvcnkx', name: repo.name, full_name: repo.fullName, private: false, owner: renderUser(base, repo.owner),
    html_url: `https://github.com/${repo.fullName}`, description: null, fork: false, url,
    ...Object.fromEntries([
      templated('archive', '/{archive_format}{/ref}'), templated('assignees', '{/user}'), templated('blobs', '{/sha}'), templated('branches', '{/branch}'),
      templated('collaborators', '{/collaborator}'), templated('comments', '{/number}'), templated('commits', '{/sha}'), templated('compare', '/{base}...{head}'),
      templated('contents', '/{+path}'), templated('contributors', ''), templated('deployments', ''), templated('downloads', ''), templated('events', ''),
      templated('forks', ''), ['git_commits_url', `${url}/git/commits{/sha}`], ['git_refs_url', `${url}/git/refs{/sha}`], ['git_tags_url', `${url}/git/tags{/sha}`],
      templated('hooks', ''), ['issue_comment_url', `${url}/issues/comments{/number}`], ['issue_events_url', `${url}/issues/events{/number}`],
      templated('issues', '{/number}'), templated('keys', '{/key_id}'), templated('labels', '{/name}'), templated('languages', ''), templated('merges', ''),
      templated('milestones', '{/number}'), ['notifications_url', `${url}/notifications{?since,all,participating}`], templated('pulls', '{/number}'),
      templated('releases', '{/id}'), templated('stargazers', ''), templated('statuses', '/{sha}'), templated('subscribers', ''), templated('subscription', ''),
      templated('tags', ''), templated('teams', ''), ['trees_url', `${url}/git/trees{/sha}`],
    ]),
    clone_url: `https://github.com/${repo.fullName}.git`, git_url: `git://github.com/${repo.fullName}.git`, ssh_url: `git@github.com:${repo.fullName}.git`,
    svn_url: `https://github.com/${repo.fullName}`, mirror_url: null, homepage: null, language: 'Go', default_branch: 'main',
    forks: 0, forks_count: 0, stargazers_count: 0, watchers: 0, watchers_count: 0, network_count: 0, subscribers_count: 0, size: 0,
    open_issues: open, open_issues_count: open, has_issues: true, has_projects: true, has_wiki: false, has_pages: false, has_discussions: false,
    archived: false, disabled: false, license: null, pushed_at: githubTime(repo.createdAt), created_at: created, updated_at: created,
  };
}

export function renderLabel(base: string, repo: FakeRepository, label: FakeLabel) {
  return { id: label.id, node_id: 'MDU6TGFiZWwx', url: `${base}/repos/${repo.fullName}/labels/${encodeURIComponent(label.name)}`, name: label.name, description: label.description, color: label.color, default: false };
}

export function renderMilestone(base: string, repo: FakeRepository, milestone: FakeMilestone) {
  const url = `${base}/repos/${repo.fullName}/milestones/${milestone.number}`;
  const issues = repo.issues.filter((issue) => issue.milestone === milestone.number);
  return {
    url, html_url: `https://github.com/${repo.fullName}/milestone/${milestone.number}`, labels_url: `${url}/labels`, id: repo.id * 1000 + milestone.number,
    node_id: 'MDk6TWlsZXN0b25lMQ==', number: milestone.number, state: milestone.state, title: milestone.title, description: milestone.description,
    creator: renderUser(base, 'octocat'), open_issues: issues.filter((issue) => issue.state === 'open').length,
    closed_issues: issues.filter((issue) => issue.state === 'closed').length, created_at: milestone.createdAt, updated_at: milestone.updatedAt,
    closed_at: milestone.closedAt, due_on: milestone.dueOn,
  };
}

/** Renders every milestone once (their issue counts scan all issues), for a page of issues. */
export function milestoneRenderer(base: string, repo: FakeRepository) {
  const cache = new Map<number, ReturnType<typeof renderMilestone> | null>();
  return (number: number | null) => {
    if (number === null) return null;
    if (!cache.has(number)) {
      const milestone = repo.milestones.find((candidate) => candidate.number === number);
      cache.set(number, milestone ? renderMilestone(base, repo, milestone) : null);
    }
    return cache.get(number)!;
  };
}

export function renderIssue(base: string, repo: FakeRepository, issue: FakeIssue, milestoneOf = milestoneRenderer(base, repo)) {
  const url = `${base}/repos/${repo.fullName}/issues/${issue.number}`;
  const labels = issue.labels.map((name) => repo.labels.find((label) => label.name === name)).filter((label) => label !== undefined);
  return {
    id: repo.id * 100_000 + issue.number, node_id: 'MDU6SXNzdWUx', url, repository_url: `${base}/repos/${repo.fullName}`, labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`, events_url: `${url}/events`, html_url: `https://github.com/${repo.fullName}/${issue.pullRequest ? 'pull' : 'issues'}/${issue.number}`,
    number: issue.number, state: issue.state, state_reason: issue.state === 'closed' ? 'completed' : null, title: issue.title, body: issue.body,
    user: renderUser(base, issue.author), labels: labels.map((label) => renderLabel(base, repo, label)),
    assignee: issue.assignees?.length ? renderUser(base, issue.assignees[0]) : null, assignees: (issue.assignees ?? []).map((login) => renderUser(base, login)),
    milestone: milestoneOf(issue.milestone), locked: false, comments: repo.comments.filter((comment) => comment.issue === issue.number).length,
    ...(issue.pullRequest
      ? { pull_request: { url: `${base}/repos/${repo.fullName}/pulls/${issue.number}`, html_url: `https://github.com/${repo.fullName}/pull/${issue.number}`, diff_url: `https://github.com/${repo.fullName}/pull/${issue.number}.diff`, patch_url: `https://github.com/${repo.fullName}/pull/${issue.number}.patch`, merged_at: issue.mergedAt }, draft: issue.draft }
      : {}),
    closed_at: issue.closedAt, created_at: issue.createdAt, updated_at: issue.updatedAt, author_association: 'MEMBER',
  };
}

export function renderRelease(base: string, repo: FakeRepository, release: FakeRelease) {
  const url = `${base}/repos/${repo.fullName}/releases/${release.id}`;
  return {
    url, html_url: `https://github.com/${repo.fullName}/releases/tag/${release.tagName}`, assets_url: `${url}/assets`,
    upload_url: `${base}/repos/${repo.fullName}/releases/${release.id}/assets{?name,label}`, tarball_url: `${base}/repos/${repo.fullName}/tarball/${release.tagName}`,
    zipball_url: `${base}/repos/${repo.fullName}/zipball/${release.tagName}`, id: release.id, node_id: 'MDc6UmVsZWFzZTE=', tag_name: release.tagName,
    target_commitish: 'main', name: release.name, body: null, draft: release.draft, prerelease: release.prerelease, created_at: release.createdAt,
    published_at: release.publishedAt, author: renderUser(base, 'octocat'), assets: [],
  };
}

export function renderTag(base: string, repo: FakeRepository, tag: FakeTag) {
  return {
    name: tag.name, commit: { sha: tag.sha, url: `${base}/repos/${repo.fullName}/commits/${tag.sha}` },
    zipball_url: `${base}/repos/${repo.fullName}/zipball/refs/tags/${tag.name}`, tarball_url: `${base}/repos/${repo.fullName}/tarball/refs/tags/${tag.name}`, node_id: 'MDM6UmVmMQ==',
  };
}

export function renderFile(base: string, repo: FakeRepository, path: string, text: string, sha: string) {
  const url = `${base}/repos/${repo.fullName}/contents/${path}?ref=main`;
  const html = `https://github.com/${repo.fullName}/blob/main/${path}`;
  const git = `${base}/repos/${repo.fullName}/git/blobs/${sha}`;
  return {
    type: 'file', encoding: 'base64', size: Buffer.byteLength(text), name: path.split('/').at(-1), path, content: Buffer.from(text).toString('base64'), sha, url,
    git_url: git, html_url: html, download_url: `https://raw.githubusercontent.com/${repo.fullName}/main/${path}`, _links: { git, self: url, html },
  };
}

/**
 * A directory's entries (the contents API's array form), files and subdirectories by name. A
 * subdirectory's sha covers everything below it, as a git tree's does, so a listing changes (and
 * its ETag with it) whenever any file under it changes.
 */
export function renderDirectory(base: string, repo: FakeRepository, dir: string) {
  const prefix = dir ? `${dir}/` : '';
  const children = new Map<string, { type: 'file' | 'dir'; texts: string[] }>();
  for (const [file, text] of [...repo.files].sort(([a], [b]) => a.localeCompare(b))) {
    if (!file.startsWith(prefix)) continue;
    const [name, ...rest] = file.slice(prefix.length).split('/');
    const child = children.get(name) ?? { type: rest.length ? 'dir' : 'file', texts: [] };
    child.texts.push(`${rest.join('/')}\0${text}`);
    children.set(name, child);
  }
  return [...children].sort(([a], [b]) => a.localeCompare(b)).map(([name, child]) => {
    const path = `${prefix}${name}`;
    if (child.type === 'file') return { ...renderFile(base, repo, path, child.texts[0].slice(1), blobSha(child.texts[0].slice(1))), content: undefined, encoding: undefined };
    const sha = createHash('sha1').update(child.texts.join('\n')).digest('hex');
    const url = `${base}/repos/${repo.fullName}/contents/${path}?ref=main`;
    const git = `${base}/repos/${repo.fullName}/git/trees/${sha}`;
    const html = `https://github.com/${repo.fullName}/tree/main/${path}`;
    return { type: 'dir', size: 0, name, path, sha, url, git_url: git, html_url: html, download_url: null, _links: { git, self: url, html } };
  });
}

export function renderComment(base: string, repo: FakeRepository, comment: FakeComment) {
  const url = `${base}/repos/${repo.fullName}/issues/comments/${comment.id}`;
  return {
    id: comment.id, node_id: 'MDEyOklzc3VlQ29tbWVudDE=', url, html_url: `https://github.com/${repo.fullName}/issues/${comment.issue}#issuecomment-${comment.id}`,
    body: comment.body, user: renderUser(base, comment.author), created_at: comment.createdAt, updated_at: comment.createdAt,
    issue_url: `${base}/repos/${repo.fullName}/issues/${comment.issue}`, author_association: 'MEMBER',
  };
}
