import ical, { ICalAlarmType, ICalEventBusyStatus, ICalEventStatus, ICalEventTransparency, type ICalCalendar } from 'ical-generator';
import type { DateView } from '../lifecycle/compute-lifecycle';
import { addDays, effectiveAt, lastDayOf, parenthetical } from './dates';
import type { EolSnapshot, MilestoneKind } from './load-eol-snapshot';

// iCalendar (RFC 5545) feeds of release milestones: all-day events for GA, end of active support and
// end of life of every cycle, plus the planned beta / feature-freeze / RC of releases still to come.
// UIDs are stable per (project, cycle, milestone kind) and SEQUENCE counts the recorded date
// corrections, so a subscribed calendar moves a corrected date instead of adding a second event.
// End dates published as a month ("September 2026") fall on the month's last day.

const REFRESH_SECONDS = 6 * 3600;
/** Reminders before an end of life, at 09:00 UTC on the day. */
const ALARM_DAYS_BEFORE = [30, 7];

const KIND_LABEL: Record<MilestoneKind, string> = {
  ALPHA: 'alpha',
  BETA: 'beta',
  FEATURE_FREEZE: 'feature freeze',
  RC: 'release candidate',
  GA: 'GA',
  END_OF_ACTIVE_SUPPORT: 'end of active support',
  EOL: 'end of life',
};

const utcDay = (day: string) => new Date(`${day}T00:00:00.000Z`);

interface EventInput {
  snapshot: EolSnapshot;
  origin: string;
  cycle: string;
  kind: MilestoneKind;
  day: string;
  date: DateView | null;
  happened: boolean;
  /** The policy a support date was computed from (the project publishes no support table). */
  computedFrom?: { version: number; name: string } | null;
}

function addEvent(calendar: ICalCalendar, stamp: Date, { snapshot, origin, cycle, kind, day, date, happened, computedFrom }: EventInput) {
  const { project } = snapshot;
  const milestone = snapshot.milestones.find((candidate) => candidate.cycle === cycle && candidate.kind === kind);
  const tentative = Boolean(date?.tentative) && !happened;
  const planned = !happened && (kind === 'GA' || kind === 'BETA' || kind === 'FEATURE_FREEZE' || kind === 'RC');
  const summary = `${project.name} ${cycle} ${KIND_LABEL[kind]}${parenthetical([planned && 'planned', tentative && 'tentative', date?.precision === 'MONTH' && date.text])}`;
  const page = `${origin}/projects/${encodeURIComponent(project.slug)}/releases/${encodeURIComponent(cycle)}`;
  const description = kind === 'EOL'
    ? `${project.name} ${cycle} is supported through ${date?.text ?? day}. See ${origin}/projects/${encodeURIComponent(project.slug)}/eol for what to upgrade to.`
    : `${project.name} ${cycle} ${KIND_LABEL[kind]}${date ? `: ${date.text}` : ''}${parenthetical([tentative && 'tentative'])}. ${page}`;
  const computed = computedFrom ? ` Computed by Shepherd from ${project.name}'s release policy v${computedFrom.version} (${computedFrom.name}): the project publishes no support table.` : '';
  const event = calendar.createEvent({
    id: `${project.slug}-${cycle}-${kind.toLowerCase().replace(/_/g, '-')}@shepherd`,
    sequence: milestone?.revisions ?? 0,
    stamp,
    lastModified: milestone?.updatedAt ?? null,
    start: utcDay(day),
    end: utcDay(addDays(day, 1)),
    allDay: true,
    summary,
    description: description + computed,
    url: page,
    status: tentative ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    transparency: ICalEventTransparency.TRANSPARENT,
    busystatus: ICalEventBusyStatus.FREE,
    categories: [{ name: project.name }, { name: KIND_LABEL[kind] }],
  });
  if (kind === 'EOL') {
    for (const days of ALARM_DAYS_BEFORE) {
      event.createAlarm({
        type: ICalAlarmType.display,
        trigger: new Date(`${addDays(day, -days)}T09:00:00.000Z`),
        description: `${project.name} ${cycle} reaches end of life in ${days} days (${date?.text ?? day})`,
      });
    }
  }
}

function addProjectEvents(calendar: ICalCalendar, stamp: Date, snapshot: EolSnapshot, origin: string) {
  for (const cycle of snapshot.cycles) {
    const life = cycle.lifecycle;
    const base = { snapshot, origin, cycle: cycle.name };
    if (life.ga) addEvent(calendar, stamp, { ...base, kind: 'GA', day: life.ga.date, date: life.ga, happened: life.ga.happened });
    if (!life.ga?.happened) {
      for (const milestone of snapshot.milestones) {
        if (milestone.cycle !== cycle.name || !milestone.planned || milestone.actualOn) continue;
        if (milestone.kind === 'BETA' || milestone.kind === 'FEATURE_FREEZE' || milestone.kind === 'RC') {
          addEvent(calendar, stamp, { ...base, kind: milestone.kind, day: milestone.planned.date, date: milestone.planned, happened: false });
        }
      }
    }
    const eol = life.endOfLife;
    const eoas = life.endOfActiveSupport;
    if (eoas && eol && lastDayOf(eoas) !== lastDayOf(eol)) {
      addEvent(calendar, stamp, { ...base, kind: 'END_OF_ACTIVE_SUPPORT', day: lastDayOf(eoas), date: eoas, happened: snapshot.today > lastDayOf(eoas), computedFrom: life.supportComputedFrom });
    }
    if (eol) addEvent(calendar, stamp, { ...base, kind: 'EOL', day: lastDayOf(eol), date: eol, happened: snapshot.today > lastDayOf(eol), computedFrom: life.supportComputedFrom });
  }
}

/** One calendar for one or more projects (the combined feed); CRLF line ends, folded at 75 octets. */
export function renderCalendar(snapshots: EolSnapshot[], origin: string): string {
  const names = snapshots.map((snapshot) => snapshot.project.name).join(', ');
  const lastModified = new Date(Math.max(...snapshots.map((snapshot) => snapshot.lastModified.getTime())));
  const stamp = effectiveAt(lastModified, snapshots[0].today);
  const calendar = ical({
    name: `${names} releases (Shepherd)`,
    description: `Release milestones and end-of-life dates of ${names}`,
    prodId: { company: 'shepherd', product: 'release-calendar', language: 'EN' },
    url: snapshots.length === 1 ? `${origin}/projects/${encodeURIComponent(snapshots[0].project.slug)}/eol` : origin,
    ttl: REFRESH_SECONDS,
  });
  for (const snapshot of snapshots) addProjectEvents(calendar, stamp, snapshot, origin);
  // RFC 5545 §3.1: every content line, the last one included, ends with CRLF.
  return `${calendar.toString()}\r\n`;
}
