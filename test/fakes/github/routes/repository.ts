import type { FakeGithub, FakeRequest } from '../server';
import { blobSha, milestoneRenderer, renderComment, renderDirectory, renderFile, renderIssue, renderLabel, renderMilestone, renderRelease, renderRepository, renderTag, type FakeComment, type FakeIssue, type FakeLabel, type FakeMilestone, type FakeRelease, type FakeTag } from '../model';

// The repository endpoints Shepherd's sync reads, with the query parameters GitHub honours there.
// The server also answers each of them under /repositories/{id}.

const notFound = { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' } };

export function mountRepositoryRoutes(fake: FakeGithub): void {
  const repositoryOf = (request: FakeRequest) => fake.repositories.get(`${request.params.owner}/${request.params.repo}`);

  fake.route('GET', '/repos/:owner/:repo', (request) => {
    const repo = repositoryOf(request);
    return repo ? { json: renderRepository(fake.url, repo) } : notFound;
  });

  // One issue or pull request. GitHub's documented answers for numbers that left the repository:
  // 301 Moved Permanently (Location: the issue's new URL) when it was transferred, 410 Gone when it
  // was deleted (404 for a reader who cannot see where it went, and for numbers never used).
  fake.route('GET', '/repos/:owner/:repo/issues/:number', (request) => {
    const repo = repositoryOf(request);
    const number = Number(request.params.number);
    const issue = repo?.issues.find((candidate) => candidate.number === number);
    if (!repo || !Number.isInteger(number)) return notFound;
    if (issue) return { json: renderIssue(fake.url, repo, issue) };
    const gone = repo.gone.get(number);
    if (gone?.status === 410) return { status: 410, body: { message: 'This issue was deleted', documentation_url: 'https://docs.github.com/rest/issues/issues#get-an-issue', status: '410' } };
    if (gone?.status === 301) {
      const location = `${fake.url}/repositories/${gone.repository.id}/issues/${gone.number}`;
      return { status: 301, headers: { location }, body: { message: 'Moved Permanently', url: location, documentation_url: 'https://docs.github.com/v3/#http-redirects' } };
    }
    return notFound;
  });

  fake.route('GET', '/repos/:owner/:repo/issues', (request) => {
    const repo = repositoryOf(request);
    if (!repo) return notFound;
    const query = request.url.searchParams;
    const state = query.get('state') ?? 'open'; // GitHub's default: open only
    const sort = (query.get('sort') ?? 'created') as 'created' | 'updated' | 'comments';
    const descending = (query.get('direction') ?? 'desc') === 'desc';
    const since = query.get('since');
    if (since && Number.isNaN(Date.parse(since))) return { status: 422, body: { message: 'Validation Failed', errors: [{ resource: 'Issue', field: 'since', code: 'invalid' }] } };
    // `labels`: a comma-separated list; an issue must carry every one.
    const labels = (query.get('labels') ?? '').split(',').map((name) => name.trim()).filter(Boolean);
    const key = (issue: FakeIssue) => (sort === 'updated' ? issue.updatedAt : issue.createdAt);
    const list = repo.issues
      .filter((issue) => state === 'all' || issue.state === state)
      .filter((issue) => labels.every((name) => issue.labels.includes(name)))
      .filter((issue) => !since || Date.parse(issue.updatedAt) >= Date.parse(since))
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.number - b.number) * (descending ? -1 : 1));
    const milestoneOf = milestoneRenderer(fake.url, repo);
    return { list, render: (issue: FakeIssue) => renderIssue(fake.url, repo, issue, milestoneOf) };
  });

  // An issue's comments, oldest first; `since` keeps those updated at or after it.
  fake.route('GET', '/repos/:owner/:repo/issues/:number/comments', (request) => {
    const repo = repositoryOf(request);
    const number = Number(request.params.number);
    if (!repo || !repo.issues.some((issue) => issue.number === number)) return notFound;
    const since = request.url.searchParams.get('since');
    const list = repo.comments.filter((comment) => comment.issue === number && (!since || Date.parse(comment.createdAt) >= Date.parse(since)));
    return { list, render: (comment: FakeComment) => renderComment(fake.url, repo, comment) };
  });

  fake.route('GET', '/repos/:owner/:repo/milestones', (request) => {
    const repo = repositoryOf(request);
    if (!repo) return notFound;
    const state = request.url.searchParams.get('state') ?? 'open';
    const descending = request.url.searchParams.get('direction') === 'desc';
    const list = repo.milestones
      .filter((milestone) => state === 'all' || milestone.state === state)
      .sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') * (descending ? -1 : 1) || a.number - b.number);
    return { list, render: (milestone: FakeMilestone) => renderMilestone(fake.url, repo, milestone) };
  });

  fake.route('GET', '/repos/:owner/:repo/labels', (request) => {
    const repo = repositoryOf(request);
    return repo ? { list: repo.labels, render: (label: FakeLabel) => renderLabel(fake.url, repo, label) } : notFound;
  });

  fake.route('GET', '/repos/:owner/:repo/releases', (request) => {
    const repo = repositoryOf(request);
    return repo ? { list: repo.releases, render: (release: FakeRelease) => renderRelease(fake.url, repo, release) } : notFound;
  });

  fake.route('GET', '/repos/:owner/:repo/tags', (request) => {
    const repo = repositoryOf(request);
    return repo ? { list: repo.tags, render: (tag: FakeTag) => renderTag(fake.url, repo, tag) } : notFound;
  });

  fake.route('GET', '/repos/:owner/:repo/contents/:path*', (request) => {
    const repo = repositoryOf(request);
    const text = repo?.files.get(request.params.path);
    if (repo && text === undefined) {
      const listing = renderDirectory(fake.url, repo, request.params.path.replace(/\/+$/, ''));
      return listing.length ? { json: listing } : notFound;
    }
    if (!repo || text === undefined) return notFound;
    return { json: renderFile(fake.url, repo, request.params.path, text, blobSha(text)) };
  });
}
