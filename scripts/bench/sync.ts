import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@shepherd/governance';
import { syncProject, type SyncReport } from '@shepherd/governance/github/sync-repository';
import { startFakeGithub } from '../../test/fakes/github/server';
import { seedRepository } from '../../test/fakes/github/seed';

// `npm run bench -- sync [--issues 15000]`: a fake GitHub seeded with 15,000 issues and pull
// requests, 50 milestones and 300 tags; a full sync into a fresh embedded database, then an
// incremental sync with nothing changed, then one after 20 issues changed, then the daily deep
// sync after 3 issues were deleted without a webhook.
// Goals: full sync ≤ 1.05 × ceil(items / 100) requests and < 30 s; nothing changed: only 304s,
// ≤ 6 requests; the deep sync finds the 3 deleted issues.

const index = process.argv.indexOf('--issues');
const issues = index >= 0 ? Number(process.argv[index + 1]) : 15_000;
if (!Number.isInteger(issues) || issues <= 0) throw new Error(`--issues needs a positive whole number, got "${process.argv[index + 1]}"`);
const shape = { issues, milestones: 50, tags: 300, labels: 30, releases: 0, maintainers: '[Org]\n\t[Org.Maintainers]\n\t\tpeople = ["octocat", "hubot"]\n' };
const items = shape.issues + shape.milestones + shape.tags + shape.labels;

const fake = await startFakeGithub();
const repo = seedRepository(fake, 'bench/runtime', shape);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shepherd-bench-sync-'));
const database = await openDatabase({ kind: 'pglite', dataDir });
try {
  await database.migrate();
  await database.prisma.project.create({ data: { slug: 'bench', name: 'Bench', repository: 'bench/runtime' } });
  const config = { apiUrl: fake.url, auth: { kind: 'token' as const, token: 'bench-token' }, webhookSecret: null };
  const run = (label: string, options: { deep?: boolean } = {}) => async () => {
    const report = await syncProject(database.prisma, 'bench', { config, trigger: 'bench', ...options });
    return { label, report };
  };
  const rows: { label: string; report: SyncReport }[] = [];
  rows.push(await run('full sync')());
  rows.push(await run('nothing changed')());
  for (let number = 1000; number < 1020; number += 1) repo.updateIssue(number, { title: `Changed ${number}` });
  rows.push(await run('20 issues changed')());
  for (const number of [4000, 8000, 12001]) repo.deleteIssue(number);
  rows.push(await run('deep, 3 deleted', { deep: true })());

  console.log(`sync benchmark: ${shape.issues} issues and pull requests, ${shape.milestones} milestones, ${shape.tags} tags, ${shape.labels} labels (${items} items)\n`);
  console.log('run                  requests   304s   seconds     items   changed');
  for (const { label, report } of rows) {
    console.log(`${label.padEnd(20)} ${String(report.requests).padStart(8)} ${String(report.notModified).padStart(6)} ${report.seconds.toFixed(2).padStart(9)} ${String(report.items).padStart(9)} ${String(report.itemsChanged).padStart(9)}`);
  }
  const [full, quiet, changed, deep] = rows.map((row) => row.report);
  const budget = 1.05 * Math.ceil(items / 100);
  const goals = [
    [`full sync requests ${full.requests} ≤ ${budget.toFixed(1)} (1.05 × ceil(${items} / 100))`, full.requests <= budget],
    [`full sync ${full.seconds.toFixed(1)} s < 30 s`, full.seconds < 30],
    [`nothing changed: ${quiet.requests} requests, all 304 (${quiet.notModified})`, quiet.requests <= 6 && quiet.notModified === quiet.requests],
    [`20 changed: ${changed.itemsChanged} items changed`, changed.itemsChanged === 20],
    [`deep sync: ${deep.itemsGone} of 3 deleted issues found`, deep.itemsGone === 3],
  ] as const;
  console.log('');
  for (const [text, met] of goals) console.log(`${met ? 'met ' : 'MISS'}  ${text}`);
  if (goals.some(([, met]) => !met)) process.exitCode = 1;
} finally {
  await database.close();
  await fake.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
