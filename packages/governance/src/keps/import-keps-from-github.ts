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
import { isTemplateDirectory } from './parse-kep-metadata';
import { locateInRepository, locatePrrInRepository, readKepYaml, readPrrYaml, type KepImportScope, type KepSource, type PrrSource } from './read-kep-sources';

// The periodic KEP metadata import: kubernetes/enhancements' keps/<sig>/<dir>/kep.yaml (and one
// folder deeper, keps/<sig>/<group>/<dir>/kep.yaml) read through the GitHub contents API, every
// request conditional. A directory listing that answers 304 means nothing below it changed (a
// listing carries each subdirectory's tree sha), so a quiet run costs one free request per path;
// after a change only the changed files come back as 200s. Files that could not be stored are kept
// (KepFileProblem) and reported on every run, quiet ones included, until they are fixed or gone.

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
  /** Files still unreadable from earlier runs, reported again (their problems are in `problems`). */
  stillUnreadable: number;
}

interface ContentEntry {
  type: string;
  name: string;
  path: string;
}

/** Group folders (keps/sig-cloud-provider/azure) are listed; deeper than this is not a KEP layout. */
const MAX_GROUP_DEPTH = 2;

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
  const prrSources: PrrSource[] = [];
  const problems: KepProblem[] = [];
  // Validators are saved only once what they validate is stored.
  const pending: { file: string | null; page: FetchedPage<unknown> }[] = [];
  /** Every kep.yaml read this run (stored or not), by repository path. */
  const readFiles = new Map<string, string>();
  const scope: KepImportScope = { repository, folders: [], present: new Set() };
  const quietFolders: string[] = [];
  let filesUnchanged = 0;

  /** Reads one listed folder; false when something below it could not be fetched. */
  async function readFolder(entries: ContentEntry[], depth: number): Promise<boolean> {
    let complete = true;
    // keps/prod-readiness holds PRR files, read by readPrrFolder, not KEP directories.
    const dirs = entries.filter((item) => item.type === 'dir' && !isTemplateDirectory(item.name) && item.path !== 'keps/prod-readiness');
    for (const entry of dirs.sort((a, b) => a.name.localeCompare(b.name))) {
      if (/^\d+-/.test(entry.name)) {
        if (!(await readKepFile(`${entry.path}/kep.yaml`))) complete = false;
      } else if (depth < MAX_GROUP_DEPTH) {
        // A group of KEPs (keps/sig-cloud-provider/azure), or a KEP directory named otherwise.
        try {
          const listing = await fetchPage<ContentEntry[]>(prisma, client, credential, `${base}/${entry.path}`, { conditional: true });
          if (listing.notModified) {
            await presentAsStored(`${entry.path}/`);
          } else if (Array.isArray(listing.items)) {
            const groupComplete = listing.items.some((item) => item.type === 'file' && item.name === 'kep.yaml')
              ? await readKepFile(`${entry.path}/kep.yaml`)
              : await readFolder(listing.items, depth + 1);
            if (groupComplete) pending.push({ file: null, page: listing });
            else complete = false;
          }
        } catch (error) {
          complete = false;
          problems.push({ file: `${repository}/${entry.path}`, field: '(request)', message: (error as Error).message });
        }
      }
    }
    return complete;
  }

  /** Fetches one file conditionally and hands its text to `read`; false when the request failed. */
  async function readRepositoryFile(file: string, location: { file: string }, missing: string, read: (text: string) => void): Promise<boolean> {
    scope.present.add(file);
    try {
      const page = await fetchPage<GhContentFile | null>(prisma, client, credential, `${base}/${file}`, { conditional: true, allowMissing: true });
      if (page.notModified) {
        filesUnchanged += 1;
      } else if (!page.items?.content) {
        readFiles.set(file, location.file);
        problems.push({ file: location.file, field: '(file)', message: page.items ? `not a file (${page.items.type})` : missing });
      } else {
        readFiles.set(file, location.file);
        read(Buffer.from(page.items.content, 'base64').toString('utf8'));
        pending.push({ file: location.file, page });
      }
      return true;
    } catch (error) {
      problems.push({ file: location.file, field: '(request)', message: (error as Error).message });
      return false;
    } finally {
      await yieldToEventLoop();
    }
  }

  /** Fetches one kep.yaml conditionally; false when the request failed. */
  function readKepFile(file: string): Promise<boolean> {
    const location = locateInRepository(repository, file);
    return readRepositoryFile(file, location, 'no kep.yaml in this KEP directory', (text) => {
      const read = readKepYaml(text, location);
      sources.push(...read.sources);
      problems.push(...read.problems);
    });
  }

  /** A folder whose listing answered 304 holds what it held: the KEPs and PRR files stored from it, and its unreadable files. */
  async function presentAsStored(folder: string) {
    const [keps, prrs, unreadable] = await Promise.all([
      prisma.kep.findMany({ where: { repository, path: { startsWith: folder }, missingSince: null }, select: { path: true } }),
      prisma.prrApproval.findMany({ where: { repository, path: { startsWith: folder }, missingSince: null }, select: { path: true } }),
      prisma.kepFileProblem.findMany({ where: { repository, path: { startsWith: folder } }, select: { path: true } }),
    ]);
    for (const { path } of [...keps, ...prrs, ...unreadable]) if (path) scope.present.add(path);
  }

  /** Fetches one PRR approval file conditionally; false when the request failed. */
  function readPrrFile(file: string): Promise<boolean> {
    const location = locatePrrInRepository(repository, file);
    return readRepositoryFile(file, location, 'gone while listed', (text) => {
      const read = readPrrYaml(text, location);
      prrSources.push(...read.sources);
      problems.push(...read.problems);
    });
  }

  /** keps/prod-readiness/<sig>: its numbered .yaml files; false when something could not be fetched. */
  async function readPrrFolder(dir: string): Promise<boolean> {
    const listing = await fetchPage<ContentEntry[]>(prisma, client, credential, `${base}/${dir}`, { conditional: true });
    if (listing.notModified) {
      await presentAsStored(`${dir}/`);
      return true;
    }
    let complete = true;
    for (const entry of (Array.isArray(listing.items) ? listing.items : []).filter((item) => item.type === 'file' && /^\d+\.yaml$/.test(item.name))) {
      if (!(await readPrrFile(entry.path))) complete = false;
    }
    if (complete) {
      pending.push({ file: null, page: listing });
      scope.folders.push(`${dir}/`);
    }
    return complete;
  }

  /**
   * The PRR approvals of the SIGs read (keps/<sig> → keps/prod-readiness/<sig>; keps → every SIG's).
   * One listing of keps/prod-readiness carries each SIG folder's tree sha: a 304 means no PRR file
   * changed, and a SIG without PRR files costs nothing.
   */
  async function readPrrApprovals(sigs: string[] | 'all'): Promise<void> {
    const root = 'keps/prod-readiness';
    const listing = await fetchPage<ContentEntry[] | null>(prisma, client, credential, `${base}/${root}`, { conditional: true, allowMissing: true });
    if (listing.notModified) {
      for (const sig of sigs === 'all' ? [''] : sigs) {
        quietFolders.push(`${root}/${sig}${sig ? '/' : ''}`);
        await presentAsStored(`${root}/${sig}${sig ? '/' : ''}`);
      }
      return;
    }
    if (!Array.isArray(listing.items)) return;
    let complete = true;
    for (const entry of listing.items.filter((item) => item.type === 'dir' && item.name !== 'template' && (sigs === 'all' || sigs.includes(item.name)))) {
      try {
        if (!(await readPrrFolder(entry.path))) complete = false;
      } catch (error) {
        complete = false;
        problems.push({ file: `${repository}/${entry.path}`, field: '(request)', message: (error as Error).message });
      }
    }
    if (complete) pending.push({ file: null, page: listing });
  }

  for (const dir of paths) {
    const listing = await fetchPage<ContentEntry[]>(prisma, client, credential, `${base}/${dir}`, { conditional: true });
    if (listing.notModified) {
      quietFolders.push(`${dir}/`);
      continue;
    }
    if (!Array.isArray(listing.items)) throw invalidArgument(`${repository}/${dir} is a file, not a directory of KEPs`);
    if (await readFolder(listing.items, 0)) {
      pending.push({ file: null, page: listing });
      scope.folders.push(`${dir}/`);
    }
  }
  const prrSigs = paths.includes('keps') ? ('all' as const) : paths.flatMap((p) => /^keps\/([\w.-]+)$/.exec(p)?.[1] ?? []).filter((sig) => sig !== 'prod-readiness');
  if (prrSigs === 'all' || prrSigs.length) {
    try {
      await readPrrApprovals(prrSigs);
    } catch (error) {
      problems.push({ file: `${repository}/keps/prod-readiness`, field: '(request)', message: (error as Error).message });
    }
  }

  const report = await importKeps(prisma, { sources, prr: prrSources, problems, scope, now: options.now });
  const now = options.now ?? new Date();
  // A file whose KEP was not stored is asked (and reported) again; a listing only once all are read.
  const stored = new Set(report.storedFiles);
  const failed = report.problems.some((p) => p.field === '(database)');
  const unreadable = [...readFiles].filter(([, file]) => !stored.has(file));
  await prisma.$transaction(async (tx) => {
    for (const { file, page } of pending) if (file === null ? !failed : stored.has(file)) await page.saveEtag(tx);
    for (const [path, file] of readFiles) {
      if (stored.has(file)) await tx.kepFileProblem.deleteMany({ where: { repository, path } });
    }
    for (const [path, file] of unreadable) {
      const fileProblems = report.problems.filter((p) => p.file === file).map(({ file: _file, ...rest }) => rest);
      await tx.kepFileProblem.upsert({
        where: { repository_path: { repository, path } },
        create: { repository, path, problems: fileProblems, firstSeenAt: now, lastSeenAt: now },
        update: { problems: fileProblems, lastSeenAt: now },
      });
    }
    // Unreadable files that are gone from a folder read whole are no longer a problem.
    for (const folder of scope.folders) {
      await tx.kepFileProblem.deleteMany({ where: { repository, path: { startsWith: folder, notIn: [...scope.present] } } });
    }
    // A first run writes a validator per kep.yaml and PRR file (about 250 for sig-node): more than
    // Prisma's default 5 s on a loaded machine.
  }, { timeout: 60_000 });

  // Quiet folders: nothing was read, but what could not be stored before still cannot be.
  const still = quietFolders.length
    ? await prisma.kepFileProblem.findMany({ where: { repository, OR: quietFolders.map((folder) => ({ path: { startsWith: folder } })) }, orderBy: { path: 'asc' } })
    : [];
  for (const row of still) {
    for (const problem of row.problems as Omit<KepProblem, 'file'>[]) {
      report.problems.push({ ...problem, file: `${repository}/${row.path}`, message: `${problem.message} (unreadable since ${row.firstSeenAt.toISOString().slice(0, 10)})` });
    }
  }
  return {
    ...report,
    repository,
    requests: client.counters.requests - before.requests,
    notModified: client.counters.notModified - before.notModified,
    filesUnchanged,
    stillUnreadable: still.length,
  };
}

/** The job's one line: what changed, what was free, every problem with file and field, and what went missing. */
export function describeGithubKepImport(report: GithubKepImportReport): string {
  const head = `${report.repository}: ${report.requests} requests (${report.notModified} × 304), ${describeKepCounts(report)}`;
  const problems = report.problems.map((p) => `${p.file} ${p.field}: ${p.message}`);
  const parts = [head, ...(problems.length ? [`${problems.length} problem(s): ${problems.join('; ')}`] : []), ...report.missing, ...report.changes];
  return parts.join('; ');
}
