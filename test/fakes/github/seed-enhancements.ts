import fs from 'node:fs';
import path from 'node:path';
import type { FakeGithub } from './server';

const KEP_FIXTURES = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'keps');

/**
 * kubernetes/enhancements as the contents API serves it: every test/fixtures/keps/<sig>/<dir>/kep.yaml
 * (the 126 real sig-node files) at keps/<sig>/<dir>/kep.yaml, or those whose directory `only` picks.
 */
export function seedEnhancements(fake: FakeGithub, options: { fullName?: string; only?: (dir: string) => boolean } = {}) {
  const { fullName = 'kubernetes/enhancements', only = () => true } = options;
  const repo = fake.repository(fullName);
  for (const sig of fs.readdirSync(KEP_FIXTURES).filter((name) => name.startsWith('sig-'))) {
    for (const dir of fs.readdirSync(path.join(KEP_FIXTURES, sig)).filter(only)) {
      const file = path.join(KEP_FIXTURES, sig, dir, 'kep.yaml');
      if (fs.existsSync(file)) repo.files.set(`keps/${sig}/${dir}/kep.yaml`, fs.readFileSync(file, 'utf8'));
    }
  }
  return repo;
}
