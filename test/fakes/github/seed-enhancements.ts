import fs from 'node:fs';
import path from 'node:path';
import type { FakeGithub } from './server';

const FIXTURES = path.resolve(import.meta.dirname, '..', '..', 'fixtures');
const KEP_FIXTURES = path.join(FIXTURES, 'keps');
/** KEPs of other SIGs: a number shared with sig-node, 0000 KEPs, nested folders, the cloud-provider template. */
const ACROSS_SIGS = path.join(FIXTURES, 'keps-across-sigs', 'keps');

function kepFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? kepFiles(full) : entry.name === 'kep.yaml' ? [full] : [];
  });
}

/**
 * kubernetes/enhancements as the contents API serves it: every test/fixtures/keps/<sig>/<dir>/kep.yaml
 * (the 126 real sig-node files) at keps/<sig>/<dir>/kep.yaml, or those whose directory `only` picks,
 * with their PRR approval files (test/fixtures/keps/prod-readiness/<sig>/<number>.yaml, the 116 real
 * sig-node ones) at keps/prod-readiness/<sig>/<number>.yaml; with `acrossSigs`,
 * test/fixtures/keps-across-sigs/keps/** too (nested folders included).
 */
export function seedEnhancements(fake: FakeGithub, options: { fullName?: string; only?: (dir: string) => boolean; acrossSigs?: boolean } = {}) {
  const { fullName = 'kubernetes/enhancements', only = () => true } = options;
  const repo = fake.repository(fullName);
  for (const sig of fs.readdirSync(KEP_FIXTURES).filter((name) => name.startsWith('sig-'))) {
    const numbers = new Set<string>();
    for (const dir of fs.readdirSync(path.join(KEP_FIXTURES, sig)).filter(only)) {
      const file = path.join(KEP_FIXTURES, sig, dir, 'kep.yaml');
      if (fs.existsSync(file)) repo.files.set(`keps/${sig}/${dir}/kep.yaml`, fs.readFileSync(file, 'utf8'));
      numbers.add(dir.split('-')[0]);
    }
    const prr = path.join(KEP_FIXTURES, 'prod-readiness', sig);
    for (const name of fs.existsSync(prr) ? fs.readdirSync(prr) : []) {
      if (options.only && !numbers.has(name.replace(/\.yaml$/, ''))) continue;
      repo.files.set(`keps/prod-readiness/${sig}/${name}`, fs.readFileSync(path.join(prr, name), 'utf8'));
    }
  }
  if (options.acrossSigs) {
    for (const file of kepFiles(ACROSS_SIGS)) repo.files.set(`keps/${path.relative(ACROSS_SIGS, file).split(path.sep).join('/')}`, fs.readFileSync(file, 'utf8'));
  }
  return repo;
}
