import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db';
import { PROJECT_ROOT } from '../db/config';
import { openTestDatabase } from '../testing/test-database';
import { importKeps } from './import-keps';
import { parsePrrApproval, prrApproverOf, type PrrApprovalEntry } from './parse-prr-approval';
import { readKepSources } from './read-kep-sources';

// PRR approval files: the 116 real keps/prod-readiness/sig-node/<number>.yaml files of
// kubernetes/enhancements (test/fixtures/keps/prod-readiness), read with the KEPs of a checkout.

const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'keps');
const PRR = path.join(FIXTURES, 'prod-readiness', 'sig-node');
const now = new Date('2026-07-10T00:00:00Z');

describe('parsePrrApproval', () => {
  const at = (number: string) => ({ file: `keps/prod-readiness/sig-node/${number}.yaml`, sig: 'sig-node', number, path: `keps/prod-readiness/sig-node/${number}.yaml` });

  it('reads each stage’s approver, with or without @', () => {
    const { prr, problems } = parsePrrApproval({ 'kep-number': '5067', alpha: { approver: 'johnbelamaric' }, beta: { approver: '@soltysh' } }, at('5067'));
    expect(problems).toEqual([]);
    expect(prr?.approvals).toEqual([
      { stage: 'alpha', approver: 'johnbelamaric' },
      { stage: 'beta', approver: 'soltysh' },
    ]);
    expect(prrApproverOf(prr!.approvals, 'beta-gate-on')).toBe('soltysh');
    expect(prrApproverOf(prr!.approvals, 'ga')).toBeNull();
  });

  it('reads the file name’s number when kep-number disagrees, and reports odd stages and missing approvers', () => {
    const { prr, problems } = parsePrrApproval({ 'kep-number': '277', stable: { approver: '@ehashman' }, gamma: { approver: '@x' }, beta: {}, alpha: { approver: 'sig node' } }, at('688'));
    expect(prr).toMatchObject({ number: '688', enhancementIssue: 688 });
    expect(prr!.approvals.map((a) => `${a.stage}:${a.approver}`)).toEqual(['alpha:null', 'beta:null', 'stable:ehashman', 'gamma:x']);
    expect(problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      'kep-number: 277 differs from the file name 688.yaml: read as 688',
      'alpha.approver: "sig node" is not a GitHub login',
      'beta.approver: missing: this stage is not PRR-approved',
      'gamma: not a stage upstream knows (alpha|beta|stable|deprecated|disabled|removed): kept as written',
    ]);
  });

  it('cannot place a file that is not at keps/prod-readiness/<sig>/<number>.yaml', () => {
    expect(parsePrrApproval({ alpha: { approver: 'a' } }, { file: 'nnnn.yaml' }).prr).toBeNull();
  });
});

describe('PRR approval import (database)', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase('migrated');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('imports the 116 real sig-node PRR files with a checkout, matched to their KEPs', async () => {
    const read = readKepSources(FIXTURES);
    expect(read.prr).toHaveLength(116);
    const report = await importKeps(database.prisma, { ...read, now });
    expect(report.prr).toEqual({ read: 116, created: 116, updated: 0, unchanged: 0, skipped: 0 });
    const stop = await database.prisma.prrApproval.findUniqueOrThrow({ where: { sig_number: { sig: 'sig-node', number: '4960' } } });
    expect(stop).toMatchObject({ enhancementIssue: 4960, repository: 'kubernetes/enhancements', path: 'keps/prod-readiness/sig-node/4960.yaml', missingSince: null });
    expect(stop.approvals).toEqual([
      { stage: 'alpha', approver: 'deads2k' },
      { stage: 'beta', approver: 'deads2k' },
    ]);
    // A removal approved, not a graduation (281: dynamic kubelet configuration).
    expect((await database.prisma.prrApproval.findUniqueOrThrow({ where: { sig_number: { sig: 'sig-node', number: '281' } } })).approvals).toEqual([{ stage: 'removed', approver: 'johnbelamaric' }]);
    // The real file 688.yaml says kep-number: 277; the file name wins and the problem is reported.
    expect(report.problems.filter((p) => p.file.endsWith('688.yaml')).map((p) => p.message)).toEqual(['277 differs from the file name 688.yaml: read as 688']);
    // Every PRR file but one (2273: its KEP is not under keps/sig-node) names a sig-node KEP that was imported.
    const keps = new Set((await database.prisma.kep.findMany({ where: { owningSig: 'sig-node' }, select: { enhancementIssue: true } })).map((k) => k.enhancementIssue));
    const approvals = await database.prisma.prrApproval.findMany();
    expect(approvals.filter((a) => !keps.has(a.enhancementIssue)).map((a) => a.number)).toEqual(['2273']);
  });

  it('re-importing changes nothing; a changed approver is a history line of its KEP; a removed file is marked, not deleted', async () => {
    expect((await importKeps(database.prisma, readKepSources(FIXTURES))).prr).toMatchObject({ created: 0, updated: 0, unchanged: 116 });

    // A checkout's keps/sig-node brings its keps/prod-readiness/sig-node along.
    const checkout = fs.mkdtempSync(path.join(os.tmpdir(), 'shepherd-prr-'));
    try {
      const keps = path.join(checkout, 'keps');
      fs.cpSync(FIXTURES, keps, { recursive: true, filter: (source) => !source.endsWith('.json') });
      fs.writeFileSync(path.join(keps, 'prod-readiness', 'sig-node', '4960.yaml'), 'kep-number: 4960\nalpha:\n  approver: "@deads2k"\nbeta:\n  approver: "@deads2k"\nstable:\n  approver: "@jpbetz"\n');
      fs.rmSync(path.join(keps, 'prod-readiness', 'sig-node', '24.yaml'));
      const read = readKepSources(path.join(keps, 'sig-node'));
      expect(read.scope?.folders).toEqual(['keps/sig-node/', 'keps/prod-readiness/sig-node/']);
      const report = await importKeps(database.prisma, { ...read, now });
      expect(report.prr).toMatchObject({ read: 115, updated: 1, unchanged: 114 });
      expect(report.changes).toContain('PRR sig-node/4960 stable: — → jpbetz');
      expect(report.missing).toEqual(['PRR sig-node/24: no longer in kubernetes/enhancements/keps/prod-readiness/sig-node/24.yaml: marked missing (kept)']);
      const history = await database.prisma.kepHistory.findMany({ where: { kepKey: 'sig-node/4960-container-stop-signals', field: 'prr stable' } });
      expect(history.map((h) => `${h.before} → ${h.after}`)).toEqual(['null → jpbetz']);
      const gone = await database.prisma.prrApproval.findUniqueOrThrow({ where: { sig_number: { sig: 'sig-node', number: '24' } } });
      expect(gone.missingSince).toEqual(now);
      expect((gone.approvals as unknown as PrrApprovalEntry[])[0]).toEqual({ stage: 'stable', approver: 'jpbetz' });
    } finally {
      fs.rmSync(checkout, { recursive: true, force: true });
    }
  });

  it('imports one PRR file on its own, and reports a broken one with its line', async () => {
    const one = readKepSources(path.join(PRR, '127.yaml'));
    expect(one.sources).toEqual([]);
    expect(one.prr?.map((p) => p.number)).toEqual(['127']);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shepherd-prr-bad-'));
    try {
      const file = path.join(dir, 'keps', 'prod-readiness', 'sig-node', '9999.yaml');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, 'kep-number: 9999\nalpha:\n  approver: [unclosed\n');
      const read = readKepSources(file);
      expect(read.problems[0]).toMatchObject({ field: '(yaml)', line: 4 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
