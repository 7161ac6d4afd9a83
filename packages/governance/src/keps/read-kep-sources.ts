import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { KepProblem } from './kep-problems';
import type { KepSourceLocation } from './parse-kep-metadata';
import { PRR_PATH, type PrrSourceLocation } from './parse-prr-approval';

// Reads KEP metadata as written from a kubernetes/enhancements checkout (keps/<sig>/<dir>/kep.yaml,
// and one folder deeper: keps/<sig>/<group>/<dir>/kep.yaml), a single kep.yaml, or the keps.json that
// kepify writes. Scalars stay strings (the failsafe schema): a default YAML schema turns
// `kep-number: 4960` into a number and dates into Dates.

export const ENHANCEMENTS_REPOSITORY = 'kubernetes/enhancements';

export interface KepSource extends KepSourceLocation {
  /** kep.yaml's keys and values as written; undefined when the file could not be read at all. */
  raw: unknown;
}

/**
 * What an import read whole: a KEP stored under one of `folders` of `repository` whose kep.yaml is
 * not `present` has disappeared from its source.
 */
export interface KepImportScope {
  repository: string;
  /** Repository folders read completely, with a trailing slash: "keps/", "keps/sig-node/". */
  folders: string[];
  /** The path of every kep.yaml and PRR file found in them, readable or not. */
  present: Set<string>;
}

/** A PRR approval file (keps/prod-readiness/<sig>/<number>.yaml) as written. */
export interface PrrSource extends PrrSourceLocation {
  raw: unknown;
}

export interface KepSources {
  sources: KepSource[];
  /** PRR approval files read with the KEPs (a checkout's keps/prod-readiness/<sig>/). */
  prr?: PrrSource[];
  problems: KepProblem[];
  scope?: KepImportScope;
}

/** kepify's JSON keys (api.Proposal) → kep.yaml's keys, so both go through one normaliser. */
const KEPIFY_KEYS: Record<string, string> = {
  title: 'title',
  'kep-number': 'kep-number',
  authors: 'authors',
  owningSig: 'owning-sig',
  participatingSigs: 'participating-sigs',
  reviewers: 'reviewers',
  approvers: 'approvers',
  prrApprovers: 'prr-approvers',
  editor: 'editor',
  creationDate: 'creation-date',
  lastUpdated: 'last-updated',
  status: 'status',
  seeAlso: 'see-also',
  replaces: 'replaces',
  supersededBy: 'superseded-by',
  stage: 'stage',
  latestMilestone: 'latest-milestone',
  milestone: 'milestone',
  featureGates: 'feature-gates',
  disableSupported: 'disable-supported',
  metrics: 'metrics',
};

/** The KEP group folders upstream uses directly under keps/ ("sig-node", "wg-…"). */
const groupFolder = (name: string | undefined) => (name && /^(sig|wg|committee)-/.test(name) ? name : undefined);

/** A kep.yaml's place from its path in the repository: "keps/sig-node/4960-…/kep.yaml" is KEP "sig-node/4960-…". */
export function locateInRepository(repository: string, repositoryPath: string, file = `${repository}/${repositoryPath}`): KepSourceLocation {
  const key = /^keps\/(.+)\/kep\.yaml$/.exec(repositoryPath)?.[1];
  const segments = key?.split('/') ?? [];
  return {
    file,
    repository,
    path: repositoryPath,
    directory: path.posix.basename(path.posix.dirname(repositoryPath)),
    key: segments.length >= 2 ? key : undefined,
    sig: groupFolder(segments.length >= 2 ? segments[0] : undefined),
  };
}

/** The repository path a local path stands for: after its last `keps` folder, else from its first `sig-…` folder. */
function repositoryPathOf(localPath: string): string | null {
  const segments = path.resolve(localPath).split(path.sep).filter(Boolean);
  const keps = segments.lastIndexOf('keps');
  if (keps >= 0) return ['keps', ...segments.slice(keps + 1)].join('/');
  const sig = segments.findIndex((segment) => groupFolder(segment));
  return sig >= 0 ? ['keps', ...segments.slice(sig)].join('/') : null;
}

/** Where a local kep.yaml sits: in a checkout, keps/<sig>/[<group>/]<dir>/kep.yaml gives its KEP. */
export function locateKepFile(file: string): KepSourceLocation {
  const repositoryPath = repositoryPathOf(file);
  if (repositoryPath) return locateInRepository(ENHANCEMENTS_REPOSITORY, repositoryPath, file);
  return { file, directory: path.basename(path.dirname(path.resolve(file))) };
}

/** Where a PRR approval file sits: keps/prod-readiness/<sig>/<number>.yaml names its KEP. */
export function locatePrrInRepository(repository: string, repositoryPath: string, file = `${repository}/${repositoryPath}`): PrrSourceLocation {
  const match = PRR_PATH.exec(repositoryPath);
  return { file, repository, path: repositoryPath, sig: match?.[1], number: match?.[2] };
}

/** A local path under a checkout's keps/prod-readiness/<sig>/, if it is one. */
export function locatePrrFile(file: string): PrrSourceLocation | null {
  const repositoryPath = repositoryPathOf(file);
  return repositoryPath && PRR_PATH.test(repositoryPath) ? locatePrrInRepository(ENHANCEMENTS_REPOSITORY, repositoryPath, file) : null;
}

/** Reads YAML as written (scalars stay strings); syntax errors become problems with line and column. */
function readYaml(text: string, file: string): { raw: unknown; problems: KepProblem[] } {
  const problems: KepProblem[] = [];
  const lines = new LineCounter();
  const document = parseDocument(text, { schema: 'failsafe', prettyErrors: false, lineCounter: lines });
  for (const error of document.errors) {
    const at = lines.linePos(error.pos[0]);
    problems.push({
      file,
      field: '(yaml)',
      message: `${error.message.split('\n')[0]}${at ? ` at line ${at.line}, column ${at.col}` : ''}`,
      ...(at ? { line: at.line, column: at.col } : {}),
    });
  }
  // Recoverable syntax errors still leave a readable map; an unreadable file gives no source.
  const raw = document.contents ? document.toJS({ maxAliasCount: 100 }) : undefined;
  if (raw === undefined || raw === null) problems.push({ file, field: '(file)', message: 'empty or unreadable YAML' });
  return { raw: raw ?? undefined, problems };
}

export function readPrrYaml(text: string, location: PrrSourceLocation): { sources: PrrSource[]; problems: KepProblem[] } {
  const { raw, problems } = readYaml(text, location.file);
  return { sources: raw === undefined ? [] : [{ ...location, raw }], problems };
}

export function readKepYaml(text: string, location: KepSourceLocation): KepSources {
  const { raw, problems } = readYaml(text, location.file);
  return { sources: raw === undefined ? [] : [{ ...location, raw }], problems };
}

/** kepify's keps.json: an array of proposals. Each entry is named `<file>#<index>` in problems. */
export function readKepifyJson(text: string, file: string): KepSources {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { sources: [], problems: [{ file, field: '(json)', message: (error as Error).message }] };
  }
  if (!Array.isArray(parsed)) return { sources: [], problems: [{ file, field: '(json)', message: 'expected an array of KEPs (kepify output)' }] };
  const sources: KepSource[] = [];
  const problems: KepProblem[] = [];
  parsed.forEach((entry, index) => {
    const entryFile = `${file}#${index}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push({ file: entryFile, field: '(entry)', message: 'not an object' });
      return;
    }
    const raw: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entry)) raw[KEPIFY_KEYS[key] ?? key] = value;
    // kepify's `name` is the KEP's directory when it was read from one.
    const name = typeof (entry as { name?: unknown }).name === 'string' ? (entry as { name: string }).name : undefined;
    sources.push({ file: entryFile, directory: name, sig: groupFolder(typeof raw['owning-sig'] === 'string' ? raw['owning-sig'] : undefined), raw });
  });
  return { sources, problems };
}

/** Every kep.yaml below `dir`, and every PRR approval file (a numbered .yaml below a prod-readiness folder). */
function findKepFiles(dir: string, inPrr = false): { keps: string[]; prr: string[] } {
  const found = { keps: [] as string[], prr: [] as string[] };
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const below = findKepFiles(full, inPrr || entry.name === 'prod-readiness');
      found.keps.push(...below.keps);
      found.prr.push(...below.prr);
    } else if (entry.name === 'kep.yaml') found.keps.push(full);
    else if (inPrr && /^\d+\.yaml$/.test(entry.name)) found.prr.push(full);
  }
  return found;
}

/** keps/<sig> → the checkout's keps/prod-readiness/<sig>, whose PRR files go with that SIG's KEPs. */
function prrFolderBeside(target: string, folder: string | null): string | null {
  const sig = folder ? /^keps\/([\w.-]+)\/?$/.exec(folder)?.[1] : undefined;
  if (!sig || sig === 'prod-readiness') return null;
  const beside = path.join(target, '..', 'prod-readiness', sig);
  return fs.existsSync(beside) && fs.statSync(beside).isDirectory() ? beside : null;
}

/**
 * A checkout (or any directory of kep.yaml files), one kep.yaml, one PRR approval file, or a
 * keps.json. A checkout's keps/prod-readiness/<sig>/ files are read with it; `keps/<sig>` brings
 * its sibling keps/prod-readiness/<sig>.
 */
export function readKepSources(target: string): KepSources {
  const stat = fs.statSync(target);
  if (stat.isDirectory()) {
    const all: KepSources = { sources: [], prr: [], problems: [] };
    const folder = repositoryPathOf(target);
    const prrFolder = prrFolderBeside(target, folder);
    // A checkout's folder is read whole: what is not in it any more has disappeared.
    if (folder) all.scope = { repository: ENHANCEMENTS_REPOSITORY, folders: [`${folder.replace(/\/$/, '')}/`], present: new Set() };
    const files = findKepFiles(target, /(^|\/)prod-readiness(\/|$)/.test(folder ?? ''));
    if (prrFolder) {
      files.prr.push(...findKepFiles(prrFolder, true).prr);
      const prrPath = repositoryPathOf(prrFolder);
      if (prrPath) all.scope?.folders.push(`${prrPath}/`);
    }
    const read = (file: string, reader: (text: string) => { problems: KepProblem[] }, location: { file: string; path?: string }) => {
      if (location.path) all.scope?.present.add(location.path);
      try {
        all.problems.push(...reader(fs.readFileSync(file, 'utf8')).problems);
      } catch (error) {
        all.problems.push({ file: location.file, field: '(file)', message: (error as Error).message });
      }
    };
    const shown = (file: string) => path.relative(process.cwd(), file) || file;
    for (const file of files.keps) {
      const location = locateKepFile(shown(file));
      read(file, (text) => {
        const result = readKepYaml(text, location);
        all.sources.push(...result.sources);
        return result;
      }, location);
    }
    for (const file of files.prr) {
      const location = locatePrrFile(shown(file)) ?? { file: shown(file) };
      read(file, (text) => {
        const result = readPrrYaml(text, location);
        all.prr!.push(...result.sources);
        return result;
      }, location);
    }
    return all;
  }
  const text = fs.readFileSync(target, 'utf8');
  if (target.endsWith('.json')) return readKepifyJson(text, target);
  const prr = locatePrrFile(target);
  if (prr) {
    const read = readPrrYaml(text, prr);
    return { sources: [], prr: read.sources, problems: read.problems };
  }
  return readKepYaml(text, locateKepFile(target));
}
