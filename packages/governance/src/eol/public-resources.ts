import type { PrismaClient } from '../db';
import { describeError } from '../errors';
import { listProjects } from '../releases/get-releases';
import { renderTimelineSvg } from '../releases/render-timeline';
import { effectiveAt } from './dates';
import { loadEolSnapshot, type EolSnapshot } from './load-eol-snapshot';
import { badgeSvg, cycleBadge, shieldsEndpoint, supportedBadge, unknownBadge, type BadgeStyle } from './render-badges';
import { renderCalendar } from './render-calendar';
import { renderProjectFeed, renderUpcomingEolFeed } from './render-feeds';
import { errorRepresentation, jsonRepresentation, representation, type Representation } from './representation';
import { projectSupportDates, shepherdCycleDetail, shepherdProject } from './to-shepherd-api';
import { releasedCycles, v1Product, v1ProductRelease, v1Products } from './to-endoflife-v1';

// Every public GET as a function (context → representation). Unknown names become JSON 404
// representations here, so they are cached like any other answer. The web routes only pick the
// function and serve the result through the public cache.

export interface PublicContext {
  prisma: PrismaClient;
  /** YYYY-MM-DD (UTC), injected so flags can be tested around a boundary. */
  today: string;
  /** Scheme and host used in absolute links, e.g. https://shepherd.example.org. */
  origin: string;
}

export const CONTENT_TYPES = {
  json: 'application/json; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  svg: 'image/svg+xml; charset=utf-8',
} as const;

const LONG_MAX_AGE = 3600;

/** Runs a representation builder; domain errors become their JSON error representation. */
export async function answer(build: () => Promise<Representation>): Promise<Representation> {
  try {
    return await build();
  } catch (error) {
    const described = describeError(error);
    if (described) return errorRepresentation(described.status, described.code, described.message, described.details);
    throw error;
  }
}

const notFound = (message: string, details: Record<string, unknown>) => errorRepresentation(404, 'not_found', message, details);

function unknownCycle(snapshot: EolSnapshot, name: string, onlyReleased: boolean): Representation {
  const slug = snapshot.project.slug;
  const planned = snapshot.cycles.find((cycle) => cycle.name === name);
  if (planned && onlyReleased) {
    const ga = planned.lifecycle.ga;
    return notFound(`${snapshot.project.name} ${name} has not been released yet${ga ? ` (GA planned ${ga.text}${ga.tentative ? ', tentative' : ''})` : ''}; /api/shepherd/v1/projects/${slug}/cycles/${name} has its plan`, { project: slug, cycle: name });
  }
  const known = (onlyReleased ? releasedCycles(snapshot) : snapshot.cycles).map((cycle) => cycle.name);
  return notFound(`No release cycle "${name}" in ${slug}; known cycles: ${known.join(', ')}`, { project: slug, cycle: name });
}

export const v1ProductsResource = (ctx: PublicContext) =>
  answer(async () => {
    const projects = await listProjects(ctx.prisma);
    const lastModified = new Date(Math.max(0, ...projects.map((project) => project.updatedAt.getTime())));
    return jsonRepresentation(v1Products(projects, lastModified, ctx.today, ctx.origin), effectiveAt(lastModified, ctx.today));
  });

const snapshotOf = (ctx: PublicContext, slug: string) => loadEolSnapshot(ctx.prisma, slug, ctx.today);
const effective = (snapshot: EolSnapshot) => effectiveAt(snapshot.lastModified, snapshot.today);

export const v1ProductResource = (ctx: PublicContext, slug: string) =>
  answer(async () => {
    const snapshot = await snapshotOf(ctx, slug);
    return jsonRepresentation(v1Product(snapshot, ctx.origin), effective(snapshot));
  });

export const v1ReleaseResource = (ctx: PublicContext, slug: string, cycle: string) =>
  answer(async () => {
    const snapshot = await snapshotOf(ctx, slug);
    const body = v1ProductRelease(snapshot, cycle, ctx.origin);
    return body ? jsonRepresentation(body, effective(snapshot)) : unknownCycle(snapshot, cycle, true);
  });

export const shepherdProjectsResource = (ctx: PublicContext) =>
  answer(async () => {
    const projects = await listProjects(ctx.prisma);
    const lastModified = new Date(Math.max(0, ...projects.map((project) => project.updatedAt.getTime())));
    const result = projects.map((project) => ({
      slug: project.slug,
      name: project.name,
      repository: project.repository,
      homepage: project.homepage,
      supportDates: projectSupportDates(project),
      uri: `${ctx.origin}/api/shepherd/v1/projects/${encodeURIComponent(project.slug)}`,
    }));
    return jsonRepresentation({ today: ctx.today, total: result.length, projects: result }, effectiveAt(lastModified, ctx.today));
  });

export const shepherdProjectResource = (ctx: PublicContext, slug: string) =>
  answer(async () => {
    const snapshot = await snapshotOf(ctx, slug);
    return jsonRepresentation(shepherdProject(snapshot, ctx.origin), effective(snapshot));
  });

export const shepherdCycleResource = (ctx: PublicContext, slug: string, cycle: string) =>
  answer(async () => {
    const snapshot = await snapshotOf(ctx, slug);
    const body = shepherdCycleDetail(snapshot, cycle, ctx.origin);
    return body ? jsonRepresentation(body, effective(snapshot)) : unknownCycle(snapshot, cycle, false);
  });

/** Project slugs for a combined surface: the given list, or every project when it is empty. */
async function snapshotsOf(ctx: PublicContext, slugs: string[]): Promise<EolSnapshot[]> {
  const chosen = slugs.length ? slugs : (await listProjects(ctx.prisma)).map((project) => project.slug);
  return Promise.all(chosen.map((slug) => snapshotOf(ctx, slug)));
}

const latestOf = (snapshots: EolSnapshot[], today: string) =>
  effectiveAt(new Date(Math.max(0, ...snapshots.map((snapshot) => snapshot.lastModified.getTime()))), today);

export const calendarResource = (ctx: PublicContext, slugs: string[]) =>
  answer(async () => {
    const snapshots = await snapshotsOf(ctx, slugs);
    if (!snapshots.length) return notFound('No projects to put in a calendar', {});
    return representation(renderCalendar(snapshots, ctx.origin), CONTENT_TYPES.ics, latestOf(snapshots, ctx.today), { maxAge: LONG_MAX_AGE });
  });

export const projectFeedResource = (ctx: PublicContext, slug: string) =>
  answer(async () => {
    const snapshot = await snapshotOf(ctx, slug);
    return representation(renderProjectFeed(snapshot, ctx.origin), CONTENT_TYPES.atom, effective(snapshot), { maxAge: LONG_MAX_AGE });
  });

export const upcomingEolFeedResource = (ctx: PublicContext, slugs: string[], self: string) =>
  answer(async () => {
    const snapshots = await snapshotsOf(ctx, slugs);
    return representation(renderUpcomingEolFeed(snapshots, ctx.origin, self), CONTENT_TYPES.atom, latestOf(snapshots, ctx.today), { maxAge: LONG_MAX_AGE });
  });

/**
 * The badge answering an unknown project or cycle: an image a README can show ("unknown", grey),
 * with the 404 status, rather than a JSON error that renders as a broken image.
 */
export const unknownBadgeResource = (label: string, style: BadgeStyle): Representation =>
  representation(badgeSvg(unknownBadge(label), style), CONTENT_TYPES.svg, null, { status: 404, maxAge: 60 });

/** `subject` is a cycle name or "supported"; `format` is svg or json (shields endpoint). */
export const badgeResource = async (ctx: PublicContext, slug: string, subject: string, format: 'svg' | 'json', style: BadgeStyle) => {
  const answered = await answer(async () => {
    const snapshot = await snapshotOf(ctx, slug);
    const badge = subject === 'supported' ? supportedBadge(snapshot) : cycleBadge(snapshot, subject);
    if (!badge) return unknownCycle(snapshot, subject, false);
    return format === 'json'
      ? jsonRepresentation(shieldsEndpoint(badge, LONG_MAX_AGE), effective(snapshot), { maxAge: LONG_MAX_AGE })
      : representation(badgeSvg(badge, style), CONTENT_TYPES.svg, effective(snapshot), { maxAge: LONG_MAX_AGE });
  });
  return format === 'svg' && answered.status === 404 ? unknownBadgeResource(`${slug} ${subject}`, style) : answered;
};

/** The widths timeline.svg may be drawn at. */
export const TIMELINE_WIDTHS = { min: 320, max: 1600 } as const;

export const timelineResource = (ctx: PublicContext, slug: string, width?: number) =>
  answer(async () => {
    const snapshot = await snapshotOf(ctx, slug);
    const svg = renderTimelineSvg(snapshot.cycles, { today: ctx.today, title: `${snapshot.project.name} release timeline`, width });
    return representation(svg, CONTENT_TYPES.svg, effective(snapshot), { maxAge: LONG_MAX_AGE });
  });
