import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, prepareDatabase, todayUtc } from '@shepherd/governance';
import { createSession } from '@shepherd/governance/auth/sessions';
import { SCALE_SLUG, seedScaleProject } from '@shepherd/governance/seed/seed-scale';
import { startPortal, type Portal } from '../../test/support/portal';
import { cores, loadText, measure, ms, type Figure } from './lib/measure';

// `npm run bench -- pages [--duration 4] [--connections 10] [--data DIR] [--fresh] [--only a,b]`: every
// page of the portal on the scale data set (`npm run db -- seed-scale`: 200 release cycles, 3,000 tags,
// 2,000 tracked KEPs, 50,000 mirrored issues and pull requests), anonymous and signed in, at 10
// connections, beside the public API's rate in the same run. Requests accept gzip and brotli, as browsers do.
// Goals: every public page anonymous ≥ 0.5 × the API's req/s; every page signed in p95 < 100 ms.
// The data set is generated once into DIR (default: shepherd-bench-pages in the temp directory) and
// reused by later runs; --fresh generates it again.

const GOAL_RATIO = 0.5;
const GOAL_P95_MS = 100;
const BENCH_LOGIN = 'scale-maintainer-3';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number, got "${process.argv[index + 1]}"`);
  return value;
}
function text(name: string): string | null {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? null) : null;
}

const duration = option('duration', 4);
const connections = option('connections', 10);
const dataDir = path.resolve(text('data') ?? path.join(os.tmpdir(), 'shepherd-bench-pages'));
const only = text('only')?.split(',').map((name) => name.trim()) ?? null;
const today = process.env.SHEPHERD_TODAY?.trim() || todayUtc();

interface Page {
  name: string;
  path: string;
  /** Public pages are served to anonymous visitors from the page cache: they must keep up with the API. */
  kind: 'public' | 'status' | 'signed-in only';
}

/** The scale data set, generated once; a session for a maintainer of the scale project each run. */
async function prepare(): Promise<{ cookie: string; kepRef: string; cycle: string; release: string }> {
  const marker = path.join(dataDir, '..', `${path.basename(dataDir)}.ready`);
  if (process.argv.includes('--fresh') || !fs.existsSync(marker)) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(marker, { force: true });
  }
  const database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    await prepareDatabase(database);
    const prisma = database.prisma;
    if (!fs.existsSync(marker)) {
      console.log(`pages: generating the scale data set in ${dataDir} (once; a few minutes on a busy machine)…`);
      const report = await seedScaleProject(prisma, { today, progress: (line) => console.log(`  ${line}`) });
      console.log(`pages: ${Object.entries(report.counts).map(([what, count]) => `${count} ${what}`).join(', ')}`);
      fs.writeFileSync(marker, new Date().toISOString());
    }
    const project = await prisma.project.findUniqueOrThrow({ where: { slug: SCALE_SLUG } });
    const user = await prisma.user.upsert({ where: { login: BENCH_LOGIN }, create: { login: BENCH_LOGIN, name: 'Bench maintainer' }, update: {} });
    if (!(await prisma.roleGrant.findFirst({ where: { login: BENCH_LOGIN, projectId: project.id, role: 'MAINTAINER' } }))) {
      await prisma.roleGrant.create({ data: { login: BENCH_LOGIN, projectId: project.id, role: 'MAINTAINER', grantedBy: 'bench' } });
    }
    const { token } = await createSession(prisma, user.id);
    const tracking = await prisma.kepTracking.findFirstOrThrow({ where: { projectId: project.id, shepherds: { has: BENCH_LOGIN } }, orderBy: { id: 'asc' } });
    const cycle = await prisma.releaseCycle.findFirstOrThrow({ where: { projectId: project.id, milestones: { some: { kind: 'GA', actualOn: { not: null } } } }, orderBy: [{ major: 'desc' }, { minor: 'desc' }] });
    return { cookie: `shepherd_session=${encodeURIComponent(token)}`, kepRef: tracking.kepKey ?? tracking.kepNumber, cycle: cycle.name, release: tracking.kubernetesRelease ?? '1.36' };
  } finally {
    await database.close();
  }
}

let portal: Portal | null = null;
try {
  const { cookie, kepRef, cycle, release } = await prepare();
  const project = `/projects/${SCALE_SLUG}`;
  const pages: Page[] = [
    { name: 'dashboard', path: '/', kind: 'public' },
    { name: 'EOL page', path: `${project}/eol`, kind: 'public' },
    { name: 'release table', path: `${project}/releases`, kind: 'public' },
    { name: `release cycle ${cycle}`, path: `${project}/releases/${cycle}`, kind: 'public' },
    { name: 'release plan', path: `${project}/plan`, kind: 'public' },
    { name: 'KEP list', path: `${project}/keps`, kind: 'public' },
    { name: 'KEP list, page 20', path: `${project}/keps?page=20`, kind: 'public' },
    { name: 'KEP page', path: `${project}/keps/${kepRef}`, kind: 'public' },
    { name: 'shepherd queue', path: `${project}/keps/queue?shepherd=${BENCH_LOGIN}`, kind: 'public' },
    { name: `liaison board ${release}`, path: `${project}/keps/liaison?release=${release}`, kind: 'public' },
    { name: 'qualification', path: `${project}/releases/${cycle}/qualification`, kind: 'status' },
    { name: 'GitHub sync', path: '/sync', kind: 'status' },
    { name: 'job runs', path: '/sync/jobs', kind: 'status' },
    { name: 'my KEPs', path: `${project}/keps/queue`, kind: 'signed-in only' },
    { name: 'admin', path: '/admin', kind: 'signed-in only' },
    { name: 'audit log', path: '/admin/audit', kind: 'signed-in only' },
  ].filter((page) => !only || only.includes(page.name)) as Page[];
  const apiPath = `/api/v1/products/${SCALE_SLUG}`;

  console.log('pages: starting the production portal on the scale data (builds first if sources changed)…');
  portal = await startPortal({ SHEPHERD_DATA_DIR: dataDir, SHEPHERD_TODAY: today, LOG_LEVEL: 'warn' });
  // As browsers send it: pages and API answers go out compressed (compressed once per representation).
  const gzip = { 'accept-encoding': 'gzip, deflate, br' };
  const signedIn = { ...gzip, cookie };
  const me = await fetch(`${portal.url}/api/auth/me`, { headers: signedIn });
  if (!me.ok || !JSON.stringify(await me.json()).includes(BENCH_LOGIN)) throw new Error('the bench session is not signed in');
  console.log(`pages: autocannon ${connections} connections × ${duration} s per page and mode; ${cores()} cores; load average (1 min) before → after each figure\n`);

  const api = await measure(`${portal.url}${apiPath}`, { connections, duration, headers: gzip });
  const rows: { page: Page; anonymous: Figure | null; signedIn: Figure }[] = [];
  for (const page of pages) {
    const anonymous = page.kind === 'signed-in only' ? null : await measure(`${portal.url}${page.path}`, { connections, duration, headers: gzip });
    const asUser = await measure(`${portal.url}${page.path}`, { connections, duration, headers: signedIn });
    rows.push({ page, anonymous, signedIn: asUser });
    const cell = (f: Figure | null) => (f ? `${f.rps.toFixed(0).padStart(6)} ${ms(f.p50).padStart(5)} ${ms(f.p95).padStart(5)} ${ms(f.p99).padStart(5)}  ${loadText(f).padEnd(9)}` : `${'—'.padStart(6)} ${''.padStart(5)} ${''.padStart(5)} ${''.padStart(5)}  ${''.padEnd(9)}`);
    if (rows.length === 1) {
      console.log(`${''.padEnd(34)} ${'anonymous'.padEnd(37)} signed in`);
      console.log(`${'page'.padEnd(34)} ${'req/s'.padStart(6)} ${'p50'.padStart(5)} ${'p95'.padStart(5)} ${'p99'.padStart(5)}  ${'load'.padEnd(9)} ${'req/s'.padStart(6)} ${'p50'.padStart(5)} ${'p95'.padStart(5)} ${'p99'.padStart(5)}  load`);
      console.log(`${`API ${apiPath}`.padEnd(34)} ${cell(api)}`);
    }
    console.log(`${page.name.padEnd(34)} ${cell(anonymous)} ${cell(asUser)}${anonymous?.unexpected || asUser.unexpected ? `  (${(anonymous?.unexpected ?? 0) + asUser.unexpected} answers not 200)` : ''}`);
  }

  const floor = GOAL_RATIO * api.rps;
  const goals: [string, boolean][] = [];
  for (const { page, anonymous, signedIn: user } of rows) {
    if (page.kind === 'public' && anonymous) goals.push([`${page.name} anonymous ${anonymous.rps.toFixed(0)} req/s ≥ ${GOAL_RATIO} × API ${api.rps.toFixed(0)} = ${floor.toFixed(0)}`, anonymous.rps >= floor]);
    goals.push([`${page.name} signed in p95 ${ms(user.p95)} ms < ${GOAL_P95_MS} ms`, user.p95 < GOAL_P95_MS]);
    if (page.kind === 'status' && anonymous) goals.push([`${page.name} anonymous p95 ${ms(anonymous.p95)} ms < ${GOAL_P95_MS} ms (live status, not cached)`, anonymous.p95 < GOAL_P95_MS]);
    const unexpected = (anonymous?.unexpected ?? 0) + user.unexpected;
    if (unexpected) goals.push([`${page.name}: ${unexpected} answers were not 200`, false]);
  }
  console.log(`\nload average (1 min) ${os.loadavg()[0].toFixed(1)} on ${cores()} cores at the end; the goals assume a quiet machine\n`);
  for (const [goal, met] of goals) console.log(`${met ? 'met ' : 'MISS'}  ${goal}`);
  if (goals.some(([, met]) => !met)) process.exitCode = 1;
} finally {
  await portal?.stop();
}
