import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import { parse as parseYaml } from 'yaml';

// docs/openapi.yaml as the tests' contract: every public JSON answer is checked against the schema
// the file declares for its path template and status.

export const openapi = parseYaml(fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'docs', 'openapi.yaml'), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(openapi, 'openapi');

function resolve(ref: string) {
  return ref.replace(/^#\//, '').split('/').reduce((node: Record<string, unknown>, key) => node[key] as Record<string, unknown>, openapi);
}

/** Checks a body against the schema the OpenAPI file declares for this path template and status. */
export function expectDocumented(template: string, status: number, body: unknown) {
  let response = openapi.paths[template]?.get?.responses?.[String(status)];
  expect(response, `${template} documents status ${status}`).toBeDefined();
  if (response.$ref) response = resolve(response.$ref);
  const schema = response.content['application/json'].schema;
  const validate = ajv.getSchema(`openapi${schema.$ref}`) ?? ajv.compile(schema);
  const valid = validate(body);
  expect(valid, `${template} ${status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
}
