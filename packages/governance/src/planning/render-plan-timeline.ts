import type { CalendarDate, IsoDate } from '../cadence/dates';
import type { Schedule } from '../cadence/generate-schedule';
import { daysBetween } from '../lifecycle/compute-lifecycle';
import { dayAfter } from '../releases/published-dates';
import { escapeXml as escape, renderLegend, solidSwatch, type LegendEntry } from '../releases/svg-parts';
import type { CyclePlanState } from './edit-plan';

// The planner's picture of the next releases: for each one, what is planned (development on main,
// beta, RC / feature freeze, GA, as recorded, or as the schedule proposes for a release not in the
// plan yet), drawn over the windows the policy allows; a GA that slipped from the policy's day is
// joined to it by a dashed line with the number of weeks, a planned day that passed without the
// milestone is ringed in red, and a "today" line runs through. Bars never enter the label column.

/** A milestone as the chart draws it. */
export interface ChartPoint {
  date: IsoDate;
  /** The last day it covers (a month-precision GA covers the month). */
  until: IsoDate;
  month: boolean;
  tentative: boolean;
  happened: boolean;
  overdue: boolean;
}

export interface PlanChartRow {
  cycle: string;
  isLts: boolean;
  /** In the plan (recorded), or only proposed by the schedule. */
  recorded: boolean;
  /** The policy's windows and GA day for this release. */
  policy: { betaWindow: { start: IsoDate; end: IsoDate }; rcWindow: { start: IsoDate; end: IsoDate }; ga: IsoDate } | null;
  /** Where development of this release starts: the previous release's GA. */
  from: IsoDate;
  beta: ChartPoint | null;
  rc: ChartPoint | null;
  ga: ChartPoint | null;
}

const lastDayOfMonth = (date: IsoDate) => {
  const next = dayAfter(date, 'MONTH');
  return new Date(Date.parse(`${next}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
};

function point(milestone: CyclePlanState['milestones'][keyof CyclePlanState['milestones']], today: IsoDate): ChartPoint | null {
  if (milestone.actual) return { date: milestone.actual, until: milestone.actual, month: false, tentative: false, happened: true, overdue: false };
  const planned = milestone.planned;
  if (!planned) return null;
  const month = planned.precision === 'MONTH';
  const until = month ? lastDayOfMonth(planned.date) : planned.date;
  return { date: planned.date, until, month, tentative: planned.tentative, happened: false, overdue: until < today };
}

const proposed = (date: IsoDate | CalendarDate): ChartPoint => {
  const day = typeof date === 'string' ? date : date.date;
  const month = typeof date !== 'string' && date.precision === 'month';
  return { date: day, until: month ? lastDayOfMonth(day) : day, month, tentative: true, happened: false, overdue: false };
};

/** The chart's rows: each scheduled release with its recorded plan (or the schedule's proposal), oldest first. */
export function planChartRows(schedule: Schedule, inPlanning: readonly CyclePlanState[], today: IsoDate): PlanChartRow[] {
  const plans = new Map(inPlanning.map((plan) => [plan.cycle, plan]));
  const rows: PlanChartRow[] = [];
  let previousGa: IsoDate = schedule.anchor.ga.date;
  for (const release of schedule.releases) {
    const plan = plans.get(release.cycle);
    const policy = { betaWindow: release.betaWindow, rcWindow: release.rcWindow, ga: release.ga.date };
    const row: PlanChartRow = plan
      ? {
          cycle: release.cycle,
          isLts: plan.isLts,
          recorded: true,
          policy,
          from: previousGa,
          beta: point(plan.milestones.BETA, today),
          rc: point(plan.milestones.RC, today) ?? point(plan.milestones.FEATURE_FREEZE, today),
          ga: point(plan.milestones.GA, today),
        }
      : { cycle: release.cycle, isLts: release.isLts, recorded: false, policy, from: previousGa, beta: proposed(release.betaWindow.start), rc: proposed(release.rcWindow.start), ga: proposed(release.ga) };
    rows.push(row);
    previousGa = row.ga?.until ?? release.ga.date;
  }
  return rows;
}

const ROW = 34;
const LABEL = 92;
const RIGHT = 16;
const DAY = 86_400_000;
const COLORS = {
  development: '#c9d6e8',
  beta: '#6b4fa3',
  rc: '#e0a100',
  ga: '#2f7d32',
  lts: '#1f5fa8',
  today: '#c62828',
  overdue: '#c62828',
  slip: '#b45309',
  band: '#8a8f98',
};
const time = (day: string) => Date.parse(`${day}T00:00:00Z`);

const LEGEND: LegendEntry[] = [
  { label: 'Development', swatch: solidSwatch(COLORS.development) },
  { label: 'Beta', swatch: solidSwatch(COLORS.beta) },
  { label: 'RC / feature freeze', swatch: solidSwatch(COLORS.rc) },
  { label: 'GA', swatch: (x, y) => `<circle cx="${x + 6}" cy="${y + 5}" r="5" fill="${COLORS.ga}"/>` },
  { label: 'LTS GA', swatch: (x, y) => `<circle cx="${x + 6}" cy="${y + 5}" r="5" fill="${COLORS.lts}"/>` },
  { label: "Policy's windows", swatch: (x, y) => `<rect x="${x}" y="${y}" width="12" height="10" fill="${COLORS.band}" fill-opacity="0.22"/>` },
  { label: "Policy's GA day", swatch: (x, y) => `<path d="M${x + 6} ${y} l5 5 l-5 5 l-5 -5 z" fill="#fff" stroke="#555" stroke-width="1.5"/>` },
  { label: 'Slip from the policy', swatch: (x, y) => `<line x1="${x}" y1="${y + 5}" x2="${x + 12}" y2="${y + 5}" stroke="${COLORS.slip}" stroke-width="2" stroke-dasharray="3 2"/>` },
  { label: 'Overdue', swatch: (x, y) => `<circle cx="${x + 6}" cy="${y + 5}" r="5" fill="none" stroke="${COLORS.overdue}" stroke-width="2"/>` },
  { label: 'Tentative or proposed', swatch: (x, y) => `<rect x="${x}" y="${y}" width="12" height="10" fill="${COLORS.beta}" fill-opacity="0.4" stroke="${COLORS.beta}" stroke-dasharray="3 2"/>` },
];

/** `id` keeps the picture's clip path apart from other pictures on the same page. */
export function renderPlanTimelineSvg(rows: readonly PlanChartRow[], today: IsoDate, options: { width?: number; id?: string } = {}): string {
  const width = options.width ?? 900;
  const clip = `${options.id ?? 'plan'}-plot`;
  const legend = renderLegend(LEGEND, { left: 8, top: 6, width: width - RIGHT });
  const TOP = legend.height + 34;
  const dates = rows.flatMap((row) => [row.from, row.policy?.betaWindow.start, row.policy?.ga, row.beta?.date, row.rc?.date, row.ga?.until].filter((d): d is string => Boolean(d)));
  const from = Math.min(time(today), ...dates.map(time)) - 14 * DAY;
  const to = Math.max(time(today), ...dates.map(time)) + 45 * DAY;
  const plotRight = width - RIGHT;
  const x = (t: number) => LABEL + ((t - from) / (to - from)) * (plotRight - LABEL);
  const height = TOP + rows.length * ROW + 30;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="The plan of the next releases over the policy's windows" font-family="system-ui, sans-serif" font-size="12">`,
    '<title>The plan of the next releases over the policy&#39;s windows</title>',
    '<rect width="100%" height="100%" fill="#fff"/>',
    `<defs><clipPath id="${clip}"><rect x="${LABEL}" y="0" width="${plotRight - LABEL}" height="${height}"/></clipPath></defs>`,
    legend.svg,
  ];
  const plot: string[] = [];
  for (let month = new Date(from); month.getTime() < to; month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))) {
    const first = Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), 1);
    if (first < from) continue;
    const at = x(first).toFixed(1);
    const january = month.getUTCMonth() === 0;
    const label = month.toLocaleString('en', { month: 'short', timeZone: 'UTC' }) + (january ? ` ${month.getUTCFullYear()}` : '');
    plot.push(`<line x1="${at}" y1="${TOP - 6}" x2="${at}" y2="${height - 22}" stroke="${january ? '#d4d7dc' : '#eceef1'}"/>`, `<text x="${at}" y="${TOP - 10}" fill="#666" text-anchor="middle">${label}</text>`);
  }
  rows.forEach((row, index) => {
    const top = TOP + index * ROW;
    const mid = top + ROW / 2;
    const label = `${row.cycle}${row.isLts ? ' LTS' : ''}`;
    out.push(
      `<text x="${LABEL - 10}" y="${mid - 1}" text-anchor="end" font-weight="600">${escape(label)}</text>`,
      `<text x="${LABEL - 10}" y="${mid + 12}" text-anchor="end" fill="#777" font-size="10">${row.recorded ? 'planned' : 'proposed'}</text>`,
    );
    if (row.policy) {
      const band = (start: string, end: string, what: string) =>
        plot.push(`<rect x="${x(time(start)).toFixed(1)}" y="${top + 2}" width="${Math.max(2, x(time(end) + DAY) - x(time(start))).toFixed(1)}" height="${ROW - 4}" fill="${COLORS.band}" fill-opacity="0.18"><title>${escape(`${row.cycle}: the policy's ${what} ${start} – ${end}`)}</title></rect>`);
      band(row.policy.betaWindow.start, row.policy.betaWindow.end, 'beta window');
      band(row.policy.rcWindow.start, row.policy.rcWindow.end, 'RC / feature-freeze window');
      const gx = x(time(row.policy.ga));
      plot.push(`<path d="M${gx.toFixed(1)} ${mid - 7} l7 7 l-7 7 l-7 -7 z" fill="#fff" stroke="#555" stroke-width="1.5"><title>${escape(`${row.cycle}: the policy's GA day ${row.policy.ga}`)}</title></path>`);
    }
    const faint = !row.recorded;
    const bar = (start: string | undefined, end: string | undefined, color: string, what: string, tentative: boolean) => {
      if (!start || !end) return;
      const left = x(time(start));
      const right = Math.max(x(time(end)), left + 2);
      const style = faint || tentative ? ` fill-opacity="0.45" stroke="${color}" stroke-dasharray="3 2"` : '';
      plot.push(`<rect x="${left.toFixed(1)}" y="${mid - 6}" width="${(right - left).toFixed(1)}" height="12" rx="3" fill="${color}"${style}><title>${escape(`${row.cycle} ${what}`)}</title></rect>`);
    };
    const betaStart = row.beta?.date;
    const rcStart = row.rc?.date;
    const gaStart = row.ga?.date;
    bar(row.from, betaStart ?? rcStart ?? gaStart, COLORS.development, `development on main from ${row.from}`, false);
    bar(betaStart, rcStart ?? gaStart, COLORS.beta, `beta from ${betaStart}${row.beta?.happened ? ' (happened)' : ''}`, Boolean(row.beta?.tentative));
    bar(rcStart, gaStart, COLORS.rc, `RC / feature freeze from ${rcStart}${row.rc?.happened ? ' (happened)' : ''}`, Boolean(row.rc?.tentative));
    const gaColor = row.isLts ? COLORS.lts : COLORS.ga;
    if (row.ga) {
      const ga = row.ga;
      const what = `${row.cycle} GA ${ga.month ? `in ${ga.date.slice(0, 7)}` : ga.date}${ga.tentative ? ' (tentative)' : ''}${ga.happened ? ' (happened)' : ''}`;
      const style = faint || ga.tentative ? ' fill-opacity="0.55"' : '';
      if (ga.month) {
        const left = x(time(ga.date));
        plot.push(`<rect x="${left.toFixed(1)}" y="${mid - 6}" width="${(x(time(ga.until) + DAY) - left).toFixed(1)}" height="12" rx="6" fill="${gaColor}"${style}><title>${escape(what)}</title></rect>`);
      } else {
        plot.push(`<circle cx="${x(time(ga.date)).toFixed(1)}" cy="${mid}" r="6.5" fill="${gaColor}"${style}><title>${escape(what)}</title></circle>`);
      }
      // A GA that moved away from the policy's day: a dashed line between the two, and how far.
      if (row.policy && row.recorded) {
        const slip = daysBetween(row.policy.ga, ga.until);
        if (Math.abs(slip) >= 7) {
          const [a, b] = [x(time(row.policy.ga)), x(time(ga.until))];
          const weeks = Math.round(slip / 7);
          const text = `${weeks > 0 ? '+' : '−'}${Math.abs(weeks)} week${Math.abs(weeks) === 1 ? '' : 's'}`;
          plot.push(
            `<line x1="${a.toFixed(1)}" y1="${mid + 10}" x2="${b.toFixed(1)}" y2="${mid + 10}" stroke="${COLORS.slip}" stroke-width="2" stroke-dasharray="4 3"><title>${escape(`${row.cycle} GA ${text} from the policy's day (${row.policy.ga})`)}</title></line>`,
            `<text x="${(Math.max(a, b) + 10).toFixed(1)}" y="${mid + 4}" fill="${COLORS.slip}" font-size="11" font-weight="600">${text}</text>`,
          );
        }
      }
    }
    for (const [name, milestone] of [['beta', row.beta], ['RC', row.rc], ['GA', row.ga]] as const) {
      if (!milestone?.overdue) continue;
      const at = x(time(milestone.until));
      plot.push(`<circle cx="${at.toFixed(1)}" cy="${mid}" r="10" fill="none" stroke="${COLORS.overdue}" stroke-width="2.5"><title>${escape(`${row.cycle} ${name} was planned for ${milestone.month ? milestone.date.slice(0, 7) : milestone.date} and has not happened: overdue`)}</title></circle>`);
    }
  });
  const now = x(time(today)).toFixed(1);
  plot.push(`<line x1="${now}" y1="${TOP - 4}" x2="${now}" y2="${height - 22}" stroke="${COLORS.today}" stroke-width="2"/>`);
  out.push(`<g clip-path="url(#${clip})">`, ...plot, '</g>');
  out.push(`<text x="${now}" y="${height - 8}" text-anchor="middle" fill="${COLORS.today}" font-weight="600">today ${today}</text>`);
  out.push('</svg>');
  return out.join('\n');
}
