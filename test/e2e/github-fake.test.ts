import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGithub, startFakeGithub } from '../fakes/github/server';
import { seedRepository } from '../fakes/github/seed';

// The fake GitHub's answers must be what GitHub's own OpenAPI description says they are, or the
// sync tests would prove nothing about the real API.
const description = toJsonSchema(JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'github', 'openapi-sync.json'), 'utf8'))) as { paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: unknown }> }> } }>; components: unknown };

/** OpenAPI 3.0 → what Ajv reads: `nullable` without `type` becomes anyOf null; `discriminator` is dropped (oneOf still decides). */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const { discriminator: _ignored, ...rest } = node as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, toJsonSchema(value)]));
  if (converted.nullable === true && converted.type === undefined) {
    const { nullable: _nullable, ...schema } = converted;
    return { anyOf: [schema, { type: 'null' }] };
  }
  // OpenAPI 3.0 lets `nullable` admit null past an `enum`; JSON Schema needs null in the enum.
  if (converted.nullable === true && Array.isArray(converted.enum) && !converted.enum.includes(null)) converted.enum = [...converted.enum, null];
  return converted;
}

let fake: FakeGithub;
let ajv: Ajv;
beforeAll(async () => {
  fake = await startFakeGithub();
  seedRepository(fake, 'octo/spec', { issues: 40, milestones: 3, tags: 12, labels: 5, releases: 4, maintainers: '[Org]\n' });
  ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ components: description.components }, 'spec');
});
afterAll(() => fake.close());

function responseSchema(pathTemplate: string) {
  return referencing(description.paths[pathTemplate].get.responses['200'].content['application/json'].schema);
}
// Component references resolve against the document registered as "spec".
const referencing = (schema: unknown) => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"spec#/components/'));
function conforms(schema: unknown, body: unknown) {
  const validate = ajv.compile(referencing(schema));
  expect(validate(body), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
}

const headers = { authorization: 'token spec-token', accept: 'application/vnd.github+json' };

describe('fake GitHub conforms to the official OpenAPI description', () => {
  for (const [template, url] of [
    ['/repos/{owner}/{repo}/issues', '/repos/octo/spec/issues?state=all&per_page=100'],
    ['/repos/{owner}/{repo}/milestones', '/repos/octo/spec/milestones?state=all'],
    ['/repos/{owner}/{repo}/labels', '/repos/octo/spec/labels'],
    ['/repos/{owner}/{repo}/releases', '/repos/octo/spec/releases'],
    ['/repos/{owner}/{repo}/tags', '/repos/octo/spec/tags'],
    ['/repos/{owner}/{repo}/contents/{path}', '/repos/octo/spec/contents/MAINTAINERS'],
    ['/repos/{owner}/{repo}', '/repos/octo/spec'],
  ]) {
    it(`GET ${template}`, async () => {
      const response = await fetch(`${fake.url}${url}`, { headers });
      expect(response.status).toBe(200);
      const body = await response.json();
      const validate = ajv.compile(responseSchema(template));
      expect(validate(body), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      if (Array.isArray(body)) expect(body.length).toBeGreaterThan(0);
    });
  }

  it('pages with absolute Link URLs naming the repository by id, as api.github.com does, in its order (prev, next, last, first)', async () => {
    const id = fake.repository('octo/spec').id;
    const byId = (page: number) => `${fake.url}/repositories/${id}/issues?state=all&per_page=15&page=${page}`;
    const first = await fetch(`${fake.url}/repos/octo/spec/issues?state=all&per_page=15`, { headers });
    expect(first.headers.get('link')).toBe(`<${byId(2)}>; rel="next", <${byId(3)}>; rel="last"`);
    // The Link URLs answer, with the same items as the /repos form.
    const second = await fetch(byId(2), { headers });
    expect(second.headers.get('link')).toBe(`<${byId(1)}>; rel="prev", <${byId(3)}>; rel="next", <${byId(3)}>; rel="last", <${byId(1)}>; rel="first"`);
    const sameSecond = await fetch(`${fake.url}/repos/octo/spec/issues?state=all&per_page=15&page=2`, { headers });
    expect(await second.json()).toEqual(await sameSecond.json());
    const last = await fetch(byId(3), { headers });
    expect(last.headers.get('link')).toBe(`<${byId(2)}>; rel="prev", <${byId(1)}>; rel="first"`);
    // GET /repositories/{id} is the repository itself.
    const repository = await fetch(`${fake.url}/repositories/${id}`, { headers });
    expect(await repository.json()).toMatchObject({ id, full_name: 'octo/spec' });
  });

  it('keeps the path the request used in Link URLs when asked to (links: "as-requested")', async () => {
    const plain = new FakeGithub({ links: 'as-requested' });
    await plain.start();
    try {
      seedRepository(plain, 'octo/plain', { issues: 20, milestones: 1, tags: 1 });
      const response = await fetch(`${plain.url}/repos/octo/plain/issues?state=all&per_page=15`, { headers });
      const page2 = `${plain.url}/repos/octo/plain/issues?state=all&per_page=15&page=2`;
      expect(response.headers.get('link')).toBe(`<${page2}>; rel="next", <${page2}>; rel="last"`);
    } finally {
      await plain.close();
    }
  });

  it('answers one issue with 200, a transferred one with 301 and its new URL, a deleted one with 410, an unknown number with 404', async () => {
    const repo = fake.repository('octo/spec');
    const elsewhere = fake.repository('octo/spec-elsewhere');
    const ok = await fetch(`${fake.url}/repos/octo/spec/issues/1`, { headers });
    expect(ok.status).toBe(200);
    conforms({ $ref: '#/components/schemas/issue' }, await ok.json());
    repo.deleteIssue(4);
    repo.transferIssue(5, elsewhere);
    const moved = await fetch(`${fake.url}/repos/octo/spec/issues/5`, { headers, redirect: 'manual' });
    const location = `${fake.url}/repositories/${elsewhere.id}/issues/1`;
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe(location);
    const movedBody = await moved.json();
    expect(movedBody).toEqual({ message: 'Moved Permanently', url: location, documentation_url: 'https://docs.github.com/v3/#http-redirects' });
    conforms({ $ref: '#/components/schemas/basic-error' }, movedBody);
    expect(await (await fetch(location, { headers })).json()).toMatchObject({ number: 1, repository_url: `${fake.url}/repos/octo/spec-elsewhere` });
    const deleted = await fetch(`${fake.url}/repos/octo/spec/issues/4`, { headers });
    expect(deleted.status).toBe(410);
    expect(await deleted.json()).toMatchObject({ message: 'This issue was deleted' });
    expect((await fetch(`${fake.url}/repos/octo/spec/issues/999`, { headers })).status).toBe(404);
    // Neither is listed any more.
    const listed = (await (await fetch(`${fake.url}/repos/octo/spec/issues?state=all&per_page=100`, { headers })).json()) as { number: number }[];
    expect(listed.map((issue) => issue.number)).not.toContain(4);
    expect(listed.map((issue) => issue.number)).not.toContain(5);
  });

  it('answers a matching If-None-Match with 304 at no rate-limit cost, and without a Link header', async () => {
    const first = await fetch(`${fake.url}/repos/octo/spec/issues?state=all&per_page=15`, { headers });
    expect(first.headers.get('link')).toBeTruthy();
    const remaining = Number(first.headers.get('x-ratelimit-remaining'));
    const again = await fetch(`${fake.url}/repos/octo/spec/issues?state=all&per_page=15`, { headers: { ...headers, 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect(again.headers.get('link')).toBeNull();
    expect(Number(again.headers.get('x-ratelimit-remaining'))).toBe(remaining);
    // The default state is open, as on GitHub.
    const open = (await (await fetch(`${fake.url}/repos/octo/spec/issues?per_page=100`, { headers })).json()) as { state: string }[];
    expect(open.every((issue) => issue.state === 'open')).toBe(true);
  });
});
