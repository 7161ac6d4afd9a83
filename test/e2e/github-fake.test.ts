import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGithub, type FakeGithub } from '../fakes/github/server';
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
  const schema = description.paths[pathTemplate].get.responses['200'].content['application/json'].schema;
  // Component references resolve against the document registered as "spec".
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"spec#/components/'));
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

  it('pages with absolute Link URLs and answers a matching If-None-Match with 304 at no rate-limit cost', async () => {
    const first = await fetch(`${fake.url}/repos/octo/spec/issues?state=all&per_page=15`, { headers });
    const link = first.headers.get('link')!;
    expect(link).toContain(`<${fake.url}/repos/octo/spec/issues?state=all&per_page=15&page=2>; rel="next"`);
    expect(link).toContain('page=3>; rel="last"');
    const remaining = Number(first.headers.get('x-ratelimit-remaining'));
    const again = await fetch(`${fake.url}/repos/octo/spec/issues?state=all&per_page=15`, { headers: { ...headers, 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect(Number(again.headers.get('x-ratelimit-remaining'))).toBe(remaining);
    // The default state is open, as on GitHub.
    const open = (await (await fetch(`${fake.url}/repos/octo/spec/issues?per_page=100`, { headers })).json()) as { state: string }[];
    expect(open.every((issue) => issue.state === 'open')).toBe(true);
  });
});
