import type { CycleSummary } from '../releases/get-releases';
import type { DateView } from '../lifecycle/compute-lifecycle';
import { effectiveAt, isoSeconds, lastDayOf } from './dates';
import type { EolSnapshot } from './load-eol-snapshot';
import { supportDatesOf } from './to-shepherd-api';

// The endoflife.date API v1 shapes (schema 1.2.0), with the flags computed for the injected
// `today` instead of at build time. Flag rule, as endoflife.date defines it: a cycle is EOL when
// today is after `eolFrom` (the last supported day), and likewise for end of active support.
// Only cycles whose GA has happened are listed, so `releases[0]` is the latest release as v1
// clients expect; planned cycles are in Shepherd's own API.

export const V1_SCHEMA_VERSION = '1.2.0';

export interface V1Latest {
  name: string;
  date: string;
  link: string | null;
}

export interface V1Release {
  name: string;
  codename: string | null;
  label: string;
  releaseDate: string;
  isLts: boolean;
  ltsFrom: string | null;
  isEoas: boolean;
  eoasFrom: string | null;
  isEol: boolean;
  eolFrom: string | null;
  isMaintained: boolean;
  latest: V1Latest | null;
  custom: Record<string, string | boolean | number | null> | null;
}

export interface V1ProductSummary {
  name: string;
  aliases: string[];
  label: string;
  category: string;
  tags: string[];
  uri: string;
}

export interface V1Envelope<T> {
  schema_version: string;
  generated_at: string;
  last_modified?: string;
  total?: number;
  result: T;
}

interface ProjectFacts {
  slug: string;
  name: string;
  repository: string;
  supportDates: 'PUBLISHED' | 'COMPUTED';
}

const CATEGORY = 'server-app';

export function v1ProductSummary(project: ProjectFacts, origin: string): V1ProductSummary {
  return {
    name: project.slug,
    aliases: [],
    label: project.name,
    category: CATEGORY,
    tags: [CATEGORY],
    uri: `${origin}/api/v1/products/${encodeURIComponent(project.slug)}`,
  };
}

const precision = (date: DateView | null) => (date ? date.precision.toLowerCase() : null);

export function v1Release(cycle: CycleSummary, repository: string, today: string, origin: string, slug: string): V1Release {
  const life = cycle.lifecycle;
  const eolFrom = life.endOfLife ? lastDayOf(life.endOfLife) : null;
  const eoasFrom = life.endOfActiveSupport ? lastDayOf(life.endOfActiveSupport) : eolFrom;
  // No date but published as ended (the oldest releases): EOL without a date, as v1 allows.
  const isEol = eolFrom ? today > eolFrom : life.phase === 'END_OF_LIFE';
  const isEoas = eoasFrom ? today > eoasFrom : isEol;
  const latest = cycle.latestRelease;
  return {
    name: cycle.name,
    codename: null,
    label: cycle.lifecycle.isLts ? `${cycle.name} (LTS)` : cycle.name,
    releaseDate: life.ga!.date,
    isLts: life.isLts,
    ltsFrom: null,
    isEoas,
    eoasFrom,
    isEol,
    eolFrom,
    isMaintained: !isEol,
    latest: latest
      ? { name: latest.tag.replace(/^v/, ''), date: latest.taggedOn, link: `https://github.com/${repository}/releases/tag/${latest.tag}` }
      : null,
    custom: {
      phase: life.label,
      eolText: life.endOfLife?.text ?? null,
      eolPrecision: precision(life.endOfLife),
      eolTentative: life.endOfLife?.tentative ?? false,
      eoasText: life.endOfActiveSupport?.text ?? null,
      eoasPrecision: precision(life.endOfActiveSupport),
      extendedSupportNote: cycle.extendedSupportNote,
      supportDates: supportDatesOf(cycle)?.source ?? null,
      supportPolicy: life.supportComputedFrom ? `v${life.supportComputedFrom.version}: ${life.supportComputedFrom.name}` : null,
      shepherd: `${origin}/api/shepherd/v1/projects/${encodeURIComponent(slug)}/cycles/${encodeURIComponent(cycle.name)}`,
    },
  };
}

export const releasedCycles = (snapshot: EolSnapshot) => snapshot.cycles.filter((cycle) => cycle.lifecycle.ga?.happened);

function envelope<T>(snapshot: EolSnapshot, result: T): V1Envelope<T> {
  return {
    schema_version: V1_SCHEMA_VERSION,
    generated_at: isoSeconds(effectiveAt(snapshot.lastModified, snapshot.today)),
    last_modified: isoSeconds(snapshot.lastModified),
    result,
  };
}

export function v1Product(snapshot: EolSnapshot, origin: string) {
  const { project } = snapshot;
  const { uri: _uri, ...summary } = v1ProductSummary(project, origin);
  return envelope(snapshot, {
    ...summary,
    versionCommand: `${project.slug} --version`,
    identifiers: [{ type: 'purl', id: `pkg:github/${project.repository}` }],
    labels: { eoas: 'Active Support', discontinued: null, eol: 'Security Support', eoes: null },
    links: {
      icon: null,
      html: `${origin}/projects/${encodeURIComponent(project.slug)}/eol`,
      // Only a project that publishes its support table has a RELEASES.md to point at.
      releasePolicy: project.supportDates === 'PUBLISHED' ? `https://github.com/${project.repository}/blob/main/RELEASES.md` : null,
    },
    releases: releasedCycles(snapshot).map((cycle) => v1Release(cycle, project.repository, snapshot.today, origin, project.slug)),
  });
}

/** One cycle by name, or "latest" for the newest released one; null when there is none. */
export function v1ProductRelease(snapshot: EolSnapshot, name: string, origin: string) {
  const released = releasedCycles(snapshot);
  const cycle = name === 'latest' ? released[0] : released.find((candidate) => candidate.name === name);
  if (!cycle) return null;
  return envelope(snapshot, v1Release(cycle, snapshot.project.repository, snapshot.today, origin, snapshot.project.slug));
}

export function v1Products(projects: ProjectFacts[], lastModified: Date, today: string, origin: string): V1Envelope<V1ProductSummary[]> {
  return {
    schema_version: V1_SCHEMA_VERSION,
    generated_at: isoSeconds(effectiveAt(lastModified, today)),
    total: projects.length,
    result: projects.map((project) => v1ProductSummary(project, origin)),
  };
}
