import { Feed } from 'feed';
import { addDays, effectiveAt, lastDayOf, parenthetical } from './dates';
import type { EolSnapshot } from './load-eol-snapshot';

// Atom feeds. Per project: what has happened up to today — releases (x.y.0 GA and patch tags),
// "end of life in 7 days" and "end of life" — newest first. Across projects: the end-of-life dates
// still ahead. Entry ids are stable URNs, so a reader never shows an event twice.

export const FEED_ENTRY_LIMIT = 50;
export const EOL_WARNING_DAYS = 7;

interface Entry {
  id: string;
  title: string;
  link: string;
  date: Date;
  content: string;
}

const utc = (day: string) => new Date(`${day}T00:00:00.000Z`);

function pastEvents(snapshot: EolSnapshot, origin: string): Entry[] {
  const { project, today } = snapshot;
  const eolPage = `${origin}/projects/${encodeURIComponent(project.slug)}/eol`;
  const entries: Entry[] = [];
  for (const tag of snapshot.tags) {
    if (tag.taggedOn > today) continue;
    const version = tag.tag.replace(/^v/, '');
    const ga = /\.0$/.test(version);
    entries.push({
      id: `urn:shepherd:${project.slug}:release:${tag.tag}`,
      title: `${project.name} ${version} released${ga ? ` (${tag.cycle} GA)` : ''}`,
      link: `https://github.com/${project.repository}/releases/tag/${tag.tag}`,
      date: tag.taggedAt,
      content: ga ? `${project.name} ${tag.cycle} is generally available.` : `Patch release ${version} of ${project.name} ${tag.cycle}.`,
    });
  }
  for (const cycle of snapshot.cycles) {
    const eol = cycle.lifecycle.endOfLife;
    if (!eol) continue;
    const warning = addDays(eol.endsBefore, -EOL_WARNING_DAYS);
    if (warning <= today) {
      entries.push({
        id: `urn:shepherd:${project.slug}:eol-in-${EOL_WARNING_DAYS}-days:${cycle.name}`,
        title: `${project.name} ${cycle.name} reaches end of life in ${EOL_WARNING_DAYS} days`,
        link: eolPage,
        date: utc(warning),
        content: `${project.name} ${cycle.name} is supported through ${eol.text}; plan the upgrade now.`,
      });
    }
    if (eol.endsBefore <= today) {
      entries.push({
        id: `urn:shepherd:${project.slug}:eol:${cycle.name}`,
        title: `${project.name} ${cycle.name} reached end of life`,
        link: eolPage,
        date: utc(eol.endsBefore),
        content: `${project.name} ${cycle.name} was supported through ${eol.text} and no longer receives fixes.`,
      });
    }
  }
  return entries.sort((a, b) => b.date.getTime() - a.date.getTime() || a.id.localeCompare(b.id)).slice(0, FEED_ENTRY_LIMIT);
}

function upcomingEols(snapshot: EolSnapshot, origin: string): (Entry & { eolDay: string })[] {
  const { project, today } = snapshot;
  return snapshot.cycles.flatMap((cycle) => {
    const eol = cycle.lifecycle.endOfLife;
    if (!eol || eol.endsBefore <= today || !cycle.lifecycle.ga?.happened) return [];
    const milestone = snapshot.milestones.find((candidate) => candidate.cycle === cycle.name && candidate.kind === 'EOL');
    const days = cycle.lifecycle.daysUntilEndOfLife;
    return [{
      id: `urn:shepherd:${project.slug}:upcoming-eol:${cycle.name}`,
      title: `${project.name} ${cycle.name} end of life: ${eol.text}${parenthetical([eol.tentative && 'tentative'])}`,
      link: `${origin}/projects/${encodeURIComponent(project.slug)}/eol`,
      // When this end date was last set, so a moved date shows up as an update.
      date: milestone?.updatedAt ?? snapshot.lastModified,
      content: `${project.name} ${cycle.name}${parenthetical([cycle.lifecycle.label])} is supported through ${eol.text}${days !== null ? `, ${days} days from ${today}` : ''}.${cycle.lifecycle.supportComputedFrom ? ` Computed from its release policy v${cycle.lifecycle.supportComputedFrom.version}: ${project.name} publishes no support table.` : ''}`,
      eolDay: lastDayOf(eol),
    }];
  });
}

function atom(options: { id: string; title: string; link: string; self: string; updated: Date; entries: Entry[] }): string {
  const feed = new Feed({
    id: options.id,
    title: options.title,
    link: options.link,
    updated: options.updated,
    feedLinks: { atom: options.self },
    author: { name: 'Shepherd' },
    generator: 'Shepherd',
  });
  for (const entry of options.entries) {
    feed.addItem({ id: entry.id, title: entry.title, link: entry.link, date: entry.date, description: entry.content });
  }
  return feed.atom1();
}

export function renderProjectFeed(snapshot: EolSnapshot, origin: string): string {
  const slug = encodeURIComponent(snapshot.project.slug);
  return atom({
    id: `urn:shepherd:${snapshot.project.slug}:events`,
    title: `${snapshot.project.name} releases and end of life (Shepherd)`,
    link: `${origin}/projects/${slug}/eol`,
    self: `${origin}/feeds/${slug}.atom`,
    updated: effectiveAt(snapshot.lastModified, snapshot.today),
    entries: pastEvents(snapshot, origin),
  });
}

export function renderUpcomingEolFeed(snapshots: EolSnapshot[], origin: string, self: string): string {
  const lastModified = new Date(Math.max(0, ...snapshots.map((snapshot) => snapshot.lastModified.getTime())));
  const entries = snapshots.flatMap((snapshot) => upcomingEols(snapshot, origin)).sort((a, b) => a.eolDay.localeCompare(b.eolDay));
  return atom({
    id: `urn:shepherd:upcoming-eol:${snapshots.map((snapshot) => snapshot.project.slug).join(',')}`,
    title: `Upcoming end-of-life dates: ${snapshots.map((snapshot) => snapshot.project.name).join(', ')} (Shepherd)`,
    link: origin,
    self,
    updated: effectiveAt(lastModified, snapshots[0]?.today ?? '1970-01-01'),
    entries,
  });
}
