import type { Schedule, ScheduledRelease } from '../cadence/generate-schedule';
import { escapeXml as escape, renderLegend, type LegendEntry } from '../releases/svg-parts';

// The what-if picture: each release twice, as the policies in force schedule it (grey, above) and
// as the candidate policies would (coloured, below): beta and RC windows, GA, and the support that
// follows until end of life. Pure, so the browser draws it from the preview's two schedules.

const ROW = 40;
const LABEL = 56;
const RIGHT = 16;
const DAY = 86_400_000;
const time = (day: string) => Date.parse(`${day}T00:00:00Z`);
const COLORS = { now: '#9aa1ab', beta: '#6b4fa3', rc: '#e0a100', ga: '#2f7d32', lts: '#1f5fa8', support: '#2f7d32', today: '#c62828' };

const LEGEND: LegendEntry[] = [
  { label: 'Now (policies in force)', swatch: (x, y) => `<rect x="${x}" y="${y + 2}" width="12" height="6" fill="${COLORS.now}"/>` },
  { label: 'Beta window', swatch: (x, y) => `<rect x="${x}" y="${y}" width="12" height="10" fill="${COLORS.beta}"/>` },
  { label: 'RC window', swatch: (x, y) => `<rect x="${x}" y="${y}" width="12" height="10" fill="${COLORS.rc}"/>` },
  { label: 'GA', swatch: (x, y) => `<circle cx="${x + 6}" cy="${y + 5}" r="5" fill="${COLORS.ga}"/>` },
  { label: 'Support until end of life', swatch: (x, y) => `<line x1="${x}" y1="${y + 5}" x2="${x + 12}" y2="${y + 5}" stroke="${COLORS.support}" stroke-width="3"/>` },
];

export function renderScheduleComparisonSvg(current: Schedule, candidate: Schedule, today: string, options: { width?: number } = {}): string {
  const width = options.width ?? 900;
  const legend = renderLegend(LEGEND, { left: 8, top: 6, width: width - RIGHT });
  const TOP = legend.height + 30;
  const all = (schedule: Schedule) => [schedule.anchor, ...schedule.releases];
  const cycles = [...new Set([...current.releases, ...candidate.releases].map((release) => release.cycle))].sort((a, b) => {
    const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
    return x[0] - y[0] || x[1] - y[1];
  });
  const find = (schedule: Schedule, cycle: string) => all(schedule).find((release) => release.cycle === cycle) ?? null;
  const dates = [...all(current), ...all(candidate)].flatMap((release) => [release.betaWindow.start, release.eol.date]);
  const from = Math.min(time(today), ...dates.map(time)) - 30 * DAY;
  const to = Math.max(time(today), ...dates.map(time)) + 60 * DAY;
  const x = (t: number) => LABEL + ((t - from) / (to - from)) * (width - RIGHT - LABEL);
  const height = TOP + cycles.length * ROW + 28;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="The schedule now and with the candidate policies" font-family="system-ui, sans-serif" font-size="12">`,
    '<rect width="100%" height="100%" fill="#fff"/>',
    legend.svg,
  ];
  for (let year = new Date(from).getUTCFullYear() + 1; Date.UTC(year, 0, 1) < to; year++) {
    const at = x(Date.UTC(year, 0, 1)).toFixed(1);
    out.push(`<line x1="${at}" y1="${TOP - 6}" x2="${at}" y2="${height - 22}" stroke="#e3e5e8"/>`, `<text x="${at}" y="${TOP - 10}" text-anchor="middle" fill="#555">${year}</text>`);
  }
  const lane = (release: ScheduledRelease | null, y: number, grey: boolean, who: string) => {
    if (!release) return;
    const color = (c: string) => (grey ? COLORS.now : c);
    const span = (start: string, end: string, c: string, h: number, what: string) =>
      out.push(`<rect x="${x(time(start)).toFixed(1)}" y="${(y - h / 2).toFixed(1)}" width="${Math.max(2, x(time(end) + DAY) - x(time(start))).toFixed(1)}" height="${h}" fill="${color(c)}"><title>${escape(`${release.cycle} ${who}: ${what}`)}</title></rect>`);
    span(release.ga.date, release.eol.date, COLORS.support, 3, `supported until ${release.eol.date}`);
    span(release.betaWindow.start, release.betaWindow.end, COLORS.beta, 10, `beta window ${release.betaWindow.start} – ${release.betaWindow.end}`);
    span(release.rcWindow.start, release.rcWindow.end, COLORS.rc, 10, `RC window ${release.rcWindow.start} – ${release.rcWindow.end}`);
    out.push(`<circle cx="${x(time(release.ga.date)).toFixed(1)}" cy="${y}" r="5" fill="${color(release.isLts ? COLORS.lts : COLORS.ga)}"><title>${escape(`${release.cycle} ${who}: GA ${release.ga.date}${release.isLts ? ', LTS' : ''}`)}</title></circle>`);
  };
  cycles.forEach((cycle, index) => {
    const top = TOP + index * ROW;
    out.push(`<text x="${LABEL - 8}" y="${top + ROW / 2 + 4}" text-anchor="end" font-weight="600">${escape(cycle)}</text>`);
    lane(find(current, cycle), top + 11, true, 'now');
    lane(find(candidate, cycle), top + 27, false, 'with the change');
  });
  const now = x(time(today)).toFixed(1);
  out.push(
    `<line x1="${now}" y1="${TOP - 4}" x2="${now}" y2="${height - 22}" stroke="${COLORS.today}" stroke-width="2"/>`,
    `<text x="${now}" y="${height - 8}" text-anchor="middle" fill="${COLORS.today}" font-weight="600">today ${today}</text>`,
    '</svg>',
  );
  return out.join('\n');
}
