import type { Schedule } from '../cadence/generate-schedule';

// The planner's Gantt picture: for each upcoming release, development on main, the beta window,
// the RC / feature-freeze window and the GA day, with a "today" line.

const ROW = 28;
const LABEL = 64;
const TOP = 40;
const COLORS = { development: '#c9d6e8', beta: '#6b4fa3', rc: '#e0a100', ga: '#2f7d32', lts: '#1f5fa8', today: '#c62828' };
const DAY = 86_400_000;
const time = (day: string) => Date.parse(`${day}T00:00:00Z`);
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderPlanTimelineSvg(schedule: Schedule, today: string, width = 900): string {
  const releases = schedule.releases;
  const starts = [schedule.anchor.ga.date, ...releases.map((r) => r.ga.date)];
  const from = Math.min(time(today), time(starts[0])) - 14 * DAY;
  const to = Math.max(time(today), ...releases.map((r) => time(r.ga.date))) + 30 * DAY;
  const x = (t: number) => LABEL + ((t - from) / (to - from)) * (width - LABEL - 16);
  const height = TOP + releases.length * ROW + 28;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Upcoming release phases" font-family="system-ui, sans-serif" font-size="12">`,
    '<rect width="100%" height="100%" fill="#fff"/>',
  ];
  for (let month = new Date(from); month.getTime() < to; month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))) {
    const first = Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), 1);
    if (first < from) continue;
    const at = x(first).toFixed(1);
    const label = month.toLocaleString('en', { month: 'short', timeZone: 'UTC' }) + (month.getUTCMonth() === 0 ? ` ${month.getUTCFullYear()}` : '');
    out.push(`<line x1="${at}" y1="${TOP - 6}" x2="${at}" y2="${height - 22}" stroke="#eceef1"/>`, `<text x="${at}" y="${TOP - 10}" fill="#666" text-anchor="middle">${label}</text>`);
  }
  releases.forEach((release, index) => {
    const y = TOP + index * ROW;
    const previousGa = index === 0 ? schedule.anchor.ga.date : releases[index - 1].ga.date;
    const bar = (start: string, end: string, color: string, title: string) => {
      const left = x(time(start));
      const right = Math.max(x(time(end)), left + 2);
      out.push(`<rect x="${left.toFixed(1)}" y="${y + 5}" width="${(right - left).toFixed(1)}" height="${ROW - 12}" rx="3" fill="${color}"><title>${escape(title)}</title></rect>`);
    };
    out.push(`<text x="${LABEL - 8}" y="${y + 18}" text-anchor="end" font-weight="600">${escape(release.cycle)}${release.isLts ? ' LTS' : ''}</text>`);
    bar(previousGa, release.betaWindow.start, COLORS.development, `${release.cycle} development on main`);
    bar(release.betaWindow.start, release.betaWindow.end, COLORS.beta, `${release.cycle} beta starts ${release.betaWindow.start} – ${release.betaWindow.end}`);
    bar(release.rcWindow.start, release.rcWindow.end, COLORS.rc, `${release.cycle} RC and feature freeze ${release.rcWindow.start} – ${release.rcWindow.end}`);
    const ga = x(time(release.ga.date));
    out.push(`<circle cx="${ga.toFixed(1)}" cy="${y + ROW / 2}" r="6" fill="${release.isLts ? COLORS.lts : COLORS.ga}"><title>${escape(`${release.cycle} GA ${release.ga.date}${release.ga.tentative ? ' (tentative)' : ''}`)}</title></circle>`);
  });
  const now = x(time(today)).toFixed(1);
  out.push(
    `<line x1="${now}" y1="${TOP - 4}" x2="${now}" y2="${height - 22}" stroke="${COLORS.today}" stroke-width="2"/>`,
    `<text x="${now}" y="${height - 8}" text-anchor="middle" fill="${COLORS.today}" font-weight="600">today ${today}</text>`,
  );
  [['Development', COLORS.development], ['Beta window', COLORS.beta], ['RC / freeze window', COLORS.rc], ['GA', COLORS.ga]].forEach(([name, color], i) => {
    out.push(`<rect x="${LABEL + i * 130}" y="4" width="12" height="10" fill="${color}"/>`, `<text x="${LABEL + i * 130 + 16}" y="13">${name}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
