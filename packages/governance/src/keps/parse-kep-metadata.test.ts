import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../db/config';
import { groupProblemsByFile } from './kep-problems';
import { isTemplateDirectory, parseKepMetadata } from './parse-kep-metadata';
import { locateKepFile, readKepifyJson, readKepSources, readKepYaml } from './read-kep-sources';

const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'keps');
const ACROSS_SIGS = path.join(PROJECT_ROOT, 'test', 'fixtures', 'keps-across-sigs', 'keps');

function parseAll() {
  const { sources, problems } = readKepSources(FIXTURES);
  const results = sources.map((source) => ({ source, ...parseKepMetadata(source.raw, source) }));
  return { sources, results, problems: [...problems, ...results.flatMap((r) => r.problems)] };
}

describe('kep.yaml from a kubernetes/enhancements checkout (the 126 real sig-node files)', () => {
  it('reads every real file, keeps kep-number a string and skips only the template', () => {
    const { sources, results } = parseAll();
    expect(sources).toHaveLength(127);
    const keps = results.filter((r) => r.kep).map((r) => r.kep!);
    expect(keps).toHaveLength(126);
    expect(new Set(keps.map((k) => k.key)).size).toBe(126);
    expect(keps.every((k) => typeof k.number === 'string' && /^\d+$/.test(k.number) && k.key === `sig-node/${k.directory}`)).toBe(true);
    expect(keps.find((k) => k.number === '4960')).toMatchObject({ key: 'sig-node/4960-container-stop-signals', enhancementIssue: 4960, repository: 'kubernetes/enhancements', path: 'keps/sig-node/4960-container-stop-signals/kep.yaml' });
    const template = results.find((r) => r.source.directory === 'NNNN-kep-template')!;
    expect(template.kep).toBeNull();
    expect(template.problems.map((p) => p.message)).toEqual(['skipped: NNNN-kep-template is a template, not a KEP']);
    // A real KEP whose name ends in "-template" is not one.
    expect(keps.some((k) => k.key === 'sig-node/5978-cluster-resource-claim-template')).toBe(true);
  });

  it('keeps the raw values as strings (no numbers, no Dates)', () => {
    const { results } = parseAll();
    const stop = results.find((r) => r.kep?.number === '4960')!;
    const raw = stop.source.raw as Record<string, unknown>;
    expect(raw['kep-number']).toBe('4960');
    expect(raw['creation-date']).toBe('2025-02-01');
    expect(stop.kep).toMatchObject({ title: 'Container Stop Signals', stage: 'beta', latestMilestone: '1.37', alphaMilestone: '1.33', betaMilestone: '1.37', stableMilestone: null, featureGates: ['ContainerStopSignals'] });
  });

  it('reports the real mess with file and field', () => {
    const { problems } = parseAll();
    const byFile = groupProblemsByFile(problems);
    const typo = byFile.get(path.join(path.relative(process.cwd(), FIXTURES), 'sig-node/2625-cpumanager-policies-thread-placement/kep.yaml'))!;
    expect(typo).toContainEqual(expect.objectContaining({ field: 'status', message: expect.stringContaining('read as "implemented"') }));
    const fields = new Set(problems.map((p) => p.field.replace(/\[\d+\]/, '[]')));
    for (const field of ['milestone', 'latest-milestone', 'milestone.stable', 'milestone.beta', 'feature-gates[].components', 'kep-number']) expect(fields).toContain(field);
    expect(problems.every((p) => p.file.endsWith('kep.yaml') && p.message.length > 0)).toBe(true);
    expect(problems.filter((p) => p.message.includes('"TBD"'))).toHaveLength(6);
    expect(problems.filter((p) => p.message.includes('"never"'))).toHaveLength(1);
  });

  it('keys a KEP whose kep-number contradicts its directory by the directory', () => {
    const { results } = parseAll();
    const mismatch = results.find((r) => r.source.directory === '2043-pod-resource-concrete-assigments')!;
    expect(mismatch.kep).toMatchObject({ number: '2043', enhancementIssue: 2043, key: 'sig-node/2043-pod-resource-concrete-assigments' });
    expect(mismatch.problems[0]).toMatchObject({ field: 'kep-number', message: expect.stringContaining('1884') });
  });
});

describe('odd kep.yaml values', () => {
  const read = (text: string) => {
    const { sources, problems } = readKepYaml(text, { file: 'keps/sig-node/5000-x/kep.yaml', directory: '5000-x', sig: 'sig-node' });
    const parsed = sources.length ? parseKepMetadata(sources[0].raw, sources[0]) : { kep: null, problems: [] };
    return { kep: parsed.kep, problems: [...problems, ...parsed.problems] };
  };

  it('reads empty keys, a null milestone, unquoted dates and an unknown stage without losing the KEP', () => {
    const { kep, problems } = read('title: X\nkep-number: 5000\nowning-sig: sig-node\nstatus:\nstage: gamma\nlatest-milestone: 1.36\nmilestone: ~\ncreation-date: 2025-13-45\nauthors: "@solo"\nfeature-gates:\n  - name: Gate\n');
    expect(kep).toMatchObject({ number: '5000', status: null, stage: null, latestMilestone: '1.36', authors: ['@solo'], featureGates: ['Gate'] });
    expect(problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      'status: missing',
      'stage: "gamma" is not one of alpha|beta|stable|deprecated|disabled|removed',
      'milestone: empty',
      'feature-gates[0].components: feature gate Gate has no components',
      'authors: expected a list, found "@solo": read as a one-item list',
      'creation-date: "2025-13-45" is not a date (YYYY-MM-DD)',
    ]);
  });

  it('reports broken YAML with its line and column and still reads what it can; an empty file is skipped', () => {
    const broken = read('title: X\nkep-number: 5000\nreviewers: [a, b\nstage: alpha\n');
    expect(broken.problems[0]).toMatchObject({ field: '(yaml)', line: 4, column: 1, message: expect.stringMatching(/ at line 4, column 1$/) });
    const indented = read('title: X\nkep-number: 5000\nowning-sig: sig-node\n  status: implementable\n');
    expect(indented.problems[0]).toMatchObject({ field: '(yaml)', line: 3, message: expect.stringMatching(/at line 3, column \d+$/) });
    expect(read('').problems).toEqual([{ file: 'keps/sig-node/5000-x/kep.yaml', field: '(file)', message: 'empty or unreadable YAML' }]);
  });

  it('takes the number from the directory when kep-number is missing', () => {
    const { kep, problems } = read('title: X\nowning-sig: sig-api-machinery\nstatus: implementable\nstage: alpha\nlatest-milestone: "v1.36"\nmilestone:\n  alpha: "v1.36"\n');
    expect(kep!.number).toBe('5000');
    expect(problems.map((p) => p.field)).toEqual(['kep-number', 'owning-sig']);
  });
});

describe('upstream values and the real mess beyond sig-node', () => {
  const read = (text: string) => {
    const { sources } = readKepYaml(text, locateKepFile('enhancements/keps/sig-node/5000-x/kep.yaml'));
    return parseKepMetadata(sources[0].raw, sources[0]);
  };

  it('keeps `stage: disabled` and the deprecated, disabled and removed milestones (upstream enums), reporting unknown keys', () => {
    const { kep, problems } = read(
      'title: X\nkep-number: 5000\nowning-sig: sig-node\nstatus: implemented\nstage: disabled\nlatest-milestone: "v1.33"\nmilestone:\n  alpha: "v1.20"\n  beta: "v1.24"\n  deprecated: "v1.31"\n  disabled: "v1.33"\n  removed: "v1.36"\n  ga: "v1.30"\n',
    );
    expect(kep).toMatchObject({ stage: 'disabled', alphaMilestone: '1.20', betaMilestone: '1.24', deprecatedMilestone: '1.31', disabledMilestone: '1.33', removedMilestone: '1.36' });
    expect(problems.map((p) => `${p.field}: ${p.message}`)).toEqual(['milestone.ga: not a stage upstream knows (alpha|beta|stable|deprecated|disabled|removed): kept as written']);
  });

  it('asks no stage or milestones of provisional, replaced, rejected and withdrawn KEPs', () => {
    for (const status of ['provisional', 'replaced', 'rejected', 'withdrawn']) {
      expect(read(`title: X\nkep-number: 5000\nowning-sig: sig-node\nstatus: ${status}\n`).problems).toEqual([]);
    }
    expect(read('title: X\nkep-number: 5000\nowning-sig: sig-node\nstatus: implementable\n').problems.map((p) => p.field)).toEqual(['stage', 'latest-milestone', 'milestone']);
  });

  it('keeps reviewers, approvers and PRR approvers', () => {
    const { kep } = read('title: X\nkep-number: 5000\nowning-sig: sig-node\nstatus: provisional\nreviewers:\n  - "@a"\napprovers: ["@b"]\nprr-approvers:\n  - "@c"\n');
    expect(kep).toMatchObject({ reviewers: ['@a'], approvers: ['@b'], prrApprovers: ['@c'] });
  });

  it('identifies KEPs by directory: a shared number, 0000 KEPs and nested folders all stay apart; templates are skipped by name', () => {
    const { sources, problems } = readKepSources(ACROSS_SIGS);
    const results = sources.map((source) => ({ source, ...parseKepMetadata(source.raw, source) }));
    const keps = results.flatMap((r) => (r.kep ? [r.kep] : []));
    expect(problems).toEqual([]);
    expect(keps.map((k) => [k.key, k.number, k.enhancementIssue])).toEqual([
      ['sig-cloud-provider/2133-out-of-tree-credential-provider', '2133', 2133],
      ['sig-cloud-provider/azure/586-azure-availability-zones', '586', 586],
      ['sig-cluster-lifecycle/kubeadm/0000-crafted-kubeadm-phases', '0000', null],
      ['sig-release/0000-crafted-release-notes-website', '0000', null],
    ]);
    expect(keps[1]).toMatchObject({ path: 'keps/sig-cloud-provider/azure/586-azure-availability-zones/kep.yaml', owningSig: 'sig-cloud-provider', latestMilestone: '1.0' });
    const template = results.find((r) => r.source.directory === '0000-cloud-provider-template')!;
    expect(template.kep).toBeNull();
    expect(template.problems.map((p) => p.message)).toEqual(['skipped: 0000-cloud-provider-template is a template, not a KEP']);
    expect(['NNNN-kep-template', '0000-cloud-provider-template', '5978-cluster-resource-claim-template', '4960-container-stop-signals'].map(isTemplateDirectory)).toEqual([true, true, false, false]);
  });
});

describe("kepify's keps.json", () => {
  it('reads proposals with kepify keys into the same fields, one problem list per entry', () => {
    const json = JSON.stringify([
      { id: 'abc', name: '4960-container-stop-signals', title: 'Container Stop Signals', 'kep-number': '4960', authors: ['@s'], owningSig: 'sig-node', status: 'implementable', stage: 'beta', latestMilestone: 'v1.37', milestone: { alpha: 'v1.33', beta: 'v1.37', stable: '' }, featureGates: [{ name: 'ContainerStopSignals', components: ['kubelet'] }], markdown: '# long README' },
      { title: 'No number', owningSig: 'sig-node', status: 'provisional', stage: 'alpha', latestMilestone: 'TBD' },
      'junk',
    ]);
    const { sources, problems } = readKepifyJson(json, 'keps.json');
    expect(problems).toEqual([{ file: 'keps.json#2', field: '(entry)', message: 'not an object' }]);
    const first = parseKepMetadata(sources[0].raw, sources[0]);
    expect(first.problems).toEqual([]);
    expect(first.kep).toMatchObject({ key: 'sig-node/4960-container-stop-signals', number: '4960', owningSig: 'sig-node', latestMilestone: '1.37', betaMilestone: '1.37', featureGates: ['ContainerStopSignals'] });
    const second = parseKepMetadata(sources[1].raw, sources[1]);
    expect(second.kep).toBeNull();
    expect(second.problems.every((p) => p.file === 'keps.json#1')).toBe(true);
  });
});
