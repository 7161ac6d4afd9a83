import { parseVersion } from '../cadence/parse-versions';
import type { ImportProblem } from './parse-releases-md';

export interface ParsedTag {
  line: number;
  tag: string;
  major: number;
  minor: number;
  patch: number;
  preKind: 'alpha' | 'beta' | 'rc' | null;
  preNumber: number | null;
  /** The instant the tag was made. */
  taggedAt: Date;
  /** The calendar day in the tagger's own time zone: the day the project would write. */
  localDay: string;
}

// git's "2022-02-15 17:49:36 -0800", or an ISO 8601 instant.
const GIT_DATE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})\s*([+-]\d{2}):?(\d{2})$/;

/** Real tags: v1.6.0, v2.4.0-beta.0, v2.3.0-rc.1, and early ones like v1.0.0-alpha0 (no dot). */
export function parseTagVersion(tag: string) {
  const version = parseVersion(tag);
  if (!version) return null;
  const { major, minor, patch, pre } = version;
  return { major, minor, patch, preKind: pre?.kind ?? null, preNumber: pre?.number ?? null };
}

/** Parses a tags list: a TSV with a `tag` and a `date` column (header row required). */
export function parseTags(tsv: string): { tags: ParsedTag[]; problems: ImportProblem[] } {
  const lines = tsv.split(/\r?\n/);
  const header = lines[0]?.split('\t').map((cell) => cell.trim().toLowerCase()) ?? [];
  const tagColumn = header.indexOf('tag');
  const dateColumn = header.indexOf('date');
  if (tagColumn < 0 || dateColumn < 0) {
    return { tags: [], problems: [{ line: 1, table: 'tags', message: 'the header must name a "tag" and a "date" column' }] };
  }
  const tags: ParsedTag[] = [];
  const problems: ImportProblem[] = [];
  lines.slice(1).forEach((text, index) => {
    const line = index + 2;
    if (text.trim() === '') return;
    const cells = text.split('\t');
    const tag = cells[tagColumn]?.trim() ?? '';
    const version = parseTagVersion(tag);
    if (!version) {
      problems.push({ line, table: 'tags', message: `tag: "${tag}" is not vX.Y.Z, vX.Y.Z-beta.N or vX.Y.Z-rc.N` });
      return;
    }
    const date = GIT_DATE.exec(cells[dateColumn]?.trim() ?? '');
    const taggedAt = date ? new Date(`${date[1]}T${date[2]}${date[3]}:${date[4]}`) : new Date(NaN);
    if (!date || Number.isNaN(taggedAt.getTime())) {
      problems.push({ line, table: 'tags', message: `date: cannot read "${cells[dateColumn] ?? ''}" (expected "2022-02-15 17:49:36 -0800")` });
      return;
    }
    tags.push({ line, tag, ...version, taggedAt, localDay: date[1] });
  });
  return { tags, problems };
}
