import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { KepProblem } from './kep-problems';
import type { KepSourceLocation } from './parse-kep-metadata';

// Reads KEP metadata as written from a kubernetes/enhancements checkout (keps/<sig>/<dir>/kep.yaml),
// a single kep.yaml, or the keps.json that kepify writes. Scalars stay strings (the failsafe
// schema): a default YAML schema turns `kep-number: 4960` into a number and dates into Dates.

export interface KepSource extends KepSourceLocation {
  /** kep.yaml's keys and values as written; undefined when the file could not be read at all. */
  raw: unknown;
}

export interface KepSources {
  sources: KepSource[];
  problems: KepProblem[];
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

/** Where a kep.yaml sits: keps/<sig>/<dir>/kep.yaml gives its SIG and directory. */
export function locateKepFile(file: string): KepSourceLocation {
  const directory = path.basename(path.dirname(file));
  const sig = path.basename(path.dirname(path.dirname(file)));
  return { file, directory, sig: sig.startsWith('sig-') ? sig : undefined };
}

export function readKepYaml(text: string, location: KepSourceLocation): KepSources {
  const problems: KepProblem[] = [];
  const document = parseDocument(text, { schema: 'failsafe', prettyErrors: false });
  for (const error of document.errors) {
    problems.push({ file: location.file, field: '(yaml)', message: `${error.message.split('\n')[0]}${error.linePos ? ` (line ${error.linePos[0].line})` : ''}` });
  }
  // Recoverable syntax errors still leave a readable map; an unreadable file gives no source.
  const raw = document.contents ? document.toJS({ maxAliasCount: 100 }) : undefined;
  if (raw === undefined || raw === null) {
    problems.push({ file: location.file, field: '(file)', message: 'empty or unreadable YAML' });
    return { sources: [], problems };
  }
  return { sources: [{ ...location, raw }], problems };
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
    sources.push({ file: entryFile, directory: name, sig: typeof raw['owning-sig'] === 'string' ? raw['owning-sig'] : undefined, raw });
  });
  return { sources, problems };
}

function findKepFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findKepFiles(full));
    else if (entry.name === 'kep.yaml') found.push(full);
  }
  return found;
}

/** A checkout (or any directory of kep.yaml files), one kep.yaml, or a keps.json. */
export function readKepSources(target: string): KepSources {
  const stat = fs.statSync(target);
  if (stat.isDirectory()) {
    const all: KepSources = { sources: [], problems: [] };
    for (const file of findKepFiles(target)) {
      const location = locateKepFile(path.relative(process.cwd(), file) || file);
      try {
        const read = readKepYaml(fs.readFileSync(file, 'utf8'), location);
        all.sources.push(...read.sources);
        all.problems.push(...read.problems);
      } catch (error) {
        all.problems.push({ file: location.file, field: '(file)', message: (error as Error).message });
      }
    }
    return all;
  }
  const text = fs.readFileSync(target, 'utf8');
  return target.endsWith('.json') ? readKepifyJson(text, target) : readKepYaml(text, locateKepFile(target));
}
