import type { PrismaClient } from '../db';
import { invalidArgument } from '../errors';
import { createGithubClient, type GithubClient } from '../github/create-client';
import { fetchPage, type FetchedPage } from '../github/fetch-page';
import { credentialKey, type GithubConfig } from '../github/github-config';
import type { GhContentFile } from '../github/github-types';
import { GITHUB_REPOSITORY } from '../github/handles';
import { yieldToEventLoop } from '../github/sync-lists';
import { describeKepCounts, importKeps, type KepImportReport } from './import-keps';
import type { KepProblem } from './kep-problems';
import { locateKepFile, readKepYaml, type KepSource } from './read-kep-sources';

// The periodic KEP metadata import: kubernetes/enhancements' keps/<sig>/<dir>/kep.yaml read through
// the GitHub contents API, every request conditional. A directory listing that answers 304 means
// no KEP below it changed (a listing carries each subdirectory's tree sha), so a quiet run costs one
// free request per SIG; after a change only the changed files come back as 200s.

export interface GithubKepImportOptions {
  config: GithubConfig;
  client?: GithubClient;
  /** owner/name; SHEPHERD_KEPS_REPOSITORY, default kubernetes/enhancements. */
  repository?: string;
  /** Directories of KEP directories; SHEPHERD_KEPS_PATHS (comma-separated), default keps/sig-node. */
  paths?: string[];
  now?: Date;
  log?: (line: string) => void;
}

export interface GithubKepImportReport extends KepImportReport {
  repository: string;
  requests: number;
  notModified: number;
  /** KEP files that answered 304 (a listing that answered 304 names none). */
  filesUnchanged: number;
}

interface ContentEntry {
  type: string;
  name: string;
  path: string;
}


export function githubKepImportSettings(env: NodeJS.ProcessEnv = process.env): { repository: string; paths: string[] } {
  const repository = env.SHEPHERD_KEPS_REPOSITORY?.trim() || 'kubernetes/enhancements';
  if (!GITHUB_REPOSITORY.test(repository)) throw invalidArgument(`SHEPHERD_KEPS_REPOSITORY: "${repository}" is not owner/name`);
  const paths = (env.SHEPHERD_KEPS_PATHS?.trim() || 'keps/sig-node').split(',').map((p) => p.trim().replace(/^\/+|\/+$/g, '')).filter(Boolean);
  return { repository, paths };
}

export async function importKepsFromGithub(prisma: PrismaClient, options: GithubKepImportOptions): Promise<GithubKepImportReport> {
  const defaults = githubKepImportSettings();
  const repository = options.repository ?? defaults.repository;
  const paths = options.paths ?? defaults.paths;
  const client = options.client ?? createGithubClient(options.config, { onWait: (reason, seconds) => options.log?.(`waiting ${seconds} s (${reason})`) });
  const credential = credentialKey(options.config);
  const base = `${options.config.apiUrl}/repos/${repository}/contents`;
  const before = { ...client.counters };
  const sources: KepSource[] = [];
  const problems: KepProblem[] = [];
  // Validators are saved only once what they validate is stored.
  const pending: { file: string | null; page: FetchedPage<unknown> }[] = [];
  let filesUnchanged = 0;

  for (const dir of paths) {
    const listing = await fetchPage<ContentEntry[]>(prisma, client, credential, `${base}/${dir}`, { conditional: true });
    if (listing.notModified) continue;
    if (!Array.isArray(listing.items)) throw invalidArgument(`${repository}/${dir} is a file, not a directory of KEPs`);
    let complete = true;
    for (const entry of listing.items.filter((item) => item.type === 'dir').sort((a, b) => a.name.localeCompare(b.name))) {
      const file = `${entry.path}/kep.yaml`;
      const location = locateKepFile(`${repository}/${file}`);
      try {
        const page = await fetchPage<GhContentFile | null>(prisma, client, credential, `${base}/${file}`, { conditional: true, allowMissing: true });
        if (page.notModified) {
          filesUnchanged += 1;
        } else if (!page.items?.content) {
          problems.push({ file: location.file, field: '(file)', message: page.items ? `not a file (${page.items.type})` : 'no kep.yaml in this KEP directory' });
        } else {
          const read = readKepYaml(Buffer.from(page.items.content, 'base64').toString('utf8'), location);
          sources.push(...read.sources);
          problems.push(...read.problems);
          pending.push({ file: location.file, page });
        }
      } catch (error) {
        complete = false;
        problems.push({ file: location.file, field: '(request)', message: (error as Error).message });
      }
      await yieldToEventLoop();
    }
    if (complete) pending.push({ file: null, page: listing });
  }

  const report = await importKeps(prisma, { sources, problems, now: options.now });
  // A file whose KEP was not stored is asked (and reported) again; a listing only once all are read.
  const stored = new Set(report.storedFiles);
  const failed = report.problems.some((p) => p.field === '(database)');
  await prisma.$transaction(async (tx) => {
    for (const { file, page } of pending) if (file === null ? !failed : stored.has(file)) await page.saveEtag(tx);
  });
  return {
    ...report,
    repository,
    requests: client.counters.requests - before.requests,
    notModified: client.counters.notModified - before.notModified,
    filesUnchanged,
  };
}

/** The job's one line: what changed, what was free, and every problem with file and field. */
export function describeGithubKepImport(report: GithubKepImportReport): string {
  const head = `${report.repository}: ${report.requests} requests (${report.notModified} × 304), ${describeKepCounts(report)}`;
  const problems = report.problems.map((p) => `${p.file} ${p.field}: ${p.message}`);
  return problems.length ? `${head}; ${problems.length} problem(s): ${problems.join('; ')}` : head;
}
