import type { FakeGithub, FakeReply, FakeRequest } from '../server';
import { renderComment, renderIssue, renderLabel, type FakeIssue, type FakeRepository } from '../model';

// The issue writes Shepherd's KEP write-back sends (create an issue, add labels, set the milestone,
// add assignees, comment), with GitHub's answers: 201/200 with the object, 401 without a token,
// 403 for a token that may not write, 404 for an unknown issue, 422 "Validation Failed" naming the
// field. Every accepted write moves the issue's `updated_at`, as on github.com.

const docs = 'https://docs.github.com/rest/issues';
const notFound: FakeReply = { status: 404, body: { message: 'Not Found', documentation_url: docs, status: '404' } };
const invalid = (resource: string, field: string, value: unknown, code = 'invalid'): FakeReply => ({
  status: 422,
  body: { message: 'Validation Failed', errors: [{ value, resource, field, code }], documentation_url: docs, status: '422' },
});
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

export function mountIssueWriteRoutes(fake: FakeGithub): void {
  /** The repository, the parsed JSON body, or GitHub's refusal. */
  const writable = (request: FakeRequest): { repo: FakeRepository; body: Record<string, unknown> } | { refusal: FakeReply } => {
    const repo = fake.repositories.get(`${request.params.owner}/${request.params.repo}`);
    if (!request.token) return { refusal: { status: 401, body: { message: 'Requires authentication', documentation_url: docs, status: '401' } } };
    if (!repo) return { refusal: notFound };
    if (repo.readOnlyTokens.has(request.token)) return { refusal: { status: 403, body: { message: 'Resource not accessible by personal access token', documentation_url: docs, status: '403' } } };
    try {
      const body = JSON.parse(request.body || '{}');
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('not an object');
      return { repo, body };
    } catch {
      return { refusal: { status: 400, body: { message: 'Problems parsing JSON', documentation_url: docs, status: '400' } } };
    }
  };
  /** As writable, for routes on one issue: also refused (404) when the issue does not exist. */
  const writableIssue = (request: FakeRequest): { repo: FakeRepository; body: Record<string, unknown>; issue: FakeIssue } | { refusal: FakeReply } => {
    const checked = writable(request);
    if ('refusal' in checked) return checked;
    const issue = checked.repo.issues.find((candidate) => candidate.number === Number(request.params.number));
    return issue ? { ...checked, issue } : { refusal: notFound };
  };
  const checkMilestone = (repo: FakeRepository, milestone: unknown): FakeReply | null =>
    milestone === null || milestone === undefined || repo.milestones.some((m) => m.number === milestone) ? null : invalid('Issue', 'milestone', milestone);
  const checkAssignees = (assignees: unknown): FakeReply | null =>
    assignees === undefined || (Array.isArray(assignees) && assignees.every((login) => typeof login === 'string' && LOGIN.test(login))) ? null : invalid('Issue', 'assignees', assignees);
  const ensureLabels = (repo: FakeRepository, names: string[]) => {
    // A writer's unknown labels are created, as GitHub does.
    for (const name of names) if (!repo.labels.some((label) => label.name === name)) repo.addLabel(name);
  };

  fake.route('POST', '/repos/:owner/:repo/issues', (request) => {
    const checked = writable(request);
    if ('refusal' in checked) return checked.refusal;
    const { repo, body } = checked;
    if (typeof body.title !== 'string' || !body.title.trim()) return invalid('Issue', 'title', body.title ?? null, 'missing_field');
    const refusal = checkMilestone(repo, body.milestone) ?? checkAssignees(body.assignees);
    if (refusal) return refusal;
    const labels = Array.isArray(body.labels) ? body.labels.map(String) : [];
    ensureLabels(repo, labels);
    const issue: FakeIssue = repo.addIssue({
      title: body.title, body: typeof body.body === 'string' ? body.body : null, labels, milestone: typeof body.milestone === 'number' ? body.milestone : null,
      assignees: Array.isArray(body.assignees) ? body.assignees.map(String) : [], author: 'shepherd-bot',
    });
    return { status: 201, body: renderIssue(fake.url, repo, issue) };
  });

  fake.route('PATCH', '/repos/:owner/:repo/issues/:number', (request) => {
    const checked = writableIssue(request);
    if ('refusal' in checked) return checked.refusal;
    const { repo, body, issue } = checked;
    const refusal = checkMilestone(repo, body.milestone) ?? checkAssignees(body.assignees);
    if (refusal) return refusal;
    const changes: Partial<FakeIssue> = {};
    if ('milestone' in body) changes.milestone = body.milestone as number | null;
    if (typeof body.title === 'string') changes.title = body.title;
    if (typeof body.body === 'string') changes.body = body.body;
    if (Array.isArray(body.labels)) ensureLabels(repo, (changes.labels = body.labels.map(String)));
    if (Array.isArray(body.assignees)) changes.assignees = body.assignees.map(String);
    return { status: 200, body: renderIssue(fake.url, repo, repo.updateIssue(issue.number, changes)) };
  });

  fake.route('POST', '/repos/:owner/:repo/issues/:number/labels', (request) => {
    const checked = writableIssue(request);
    if ('refusal' in checked) return checked.refusal;
    const { repo, body, issue } = checked;
    if (!Array.isArray(body.labels) || body.labels.some((name) => typeof name !== 'string' || !name)) return invalid('Label', 'labels', body.labels ?? null);
    ensureLabels(repo, body.labels);
    const updated = repo.updateIssue(issue.number, { labels: [...new Set([...issue.labels, ...body.labels])] });
    return { status: 200, body: updated.labels.map((name) => renderLabel(fake.url, repo, repo.labels.find((label) => label.name === name)!)) };
  });

  fake.route('POST', '/repos/:owner/:repo/issues/:number/assignees', (request) => {
    const checked = writableIssue(request);
    if ('refusal' in checked) return checked.refusal;
    const { repo, body, issue } = checked;
    const refusal = checkAssignees(body.assignees);
    if (refusal) return refusal;
    const assignees = [...new Set([...(issue.assignees ?? []), ...((body.assignees as string[] | undefined) ?? [])])];
    return { status: 201, body: renderIssue(fake.url, repo, repo.updateIssue(issue.number, { assignees })) };
  });

  fake.route('POST', '/repos/:owner/:repo/issues/:number/comments', (request) => {
    const checked = writableIssue(request);
    if ('refusal' in checked) return checked.refusal;
    const { repo, body, issue } = checked;
    if (typeof body.body !== 'string' || !body.body.trim()) return invalid('IssueComment', 'body', body.body ?? null, 'missing_field');
    return { status: 201, body: renderComment(fake.url, repo, repo.addComment(issue.number, body.body, 'shepherd-bot')) };
  });
}
