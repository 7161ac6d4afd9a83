import type { CycleSummary } from './get-releases';
import { escapeXml as escape, renderLegend, solidSwatch, type LegendEntry } from './svg-parts';

// The release timeline as an SVG string: one row per cycle with bars for active support, extended
// support and LTS, planned (future) spans dashed, and a "today" line. Pure, so the release page and
// the embeddable timeline.svg draw the same picture.

export interface TimelineOptions {
  today: string;
  /** How many cycles, newest first. */
  limit?: number;
  width?: number;
  title?: string;
}

const ROW = 26;
const LABEL = 56;
const COLORS = { active: '#2f7d32', extended: '#e0a100', lts: '#1f5fa8', planned: '#8a8f98', today: '#c62828' };

const toTime = (day: string) => Date.parse(`${day}T00:00:00Z`);
// Planned (not yet released) spans are drawn as their kind of support, faint and dashed.
const PLANNED_STYLE = ' stroke-dasharray="4 3" fill-opacity="0.25"';

const LEGEND: LegendEntry[] = [
  { label: 'Active support', swatch: solidSwatch(COLORS.active) },
  { label: 'LTS', swatch: solidSwatch(COLORS.lts) },
  { label: 'Extended support', swatch: solidSwatch(COLORS.extended) },
  { label: 'Planned (not released yet)', swatch: (x, y) => `<rect x="${x}" y="${y}" width="12" height="10" rx="2" fill="${COLORS.active}" stroke="${COLORS.active}"${PLANNED_STYLE}/>` },
  { label: 'End not announced', swatch: solidSwatch(COLORS.planned) },
];

export function renderTimelineSvg(cycles: CycleSummary[], options: TimelineOptions): string {
  const width = options.width ?? 900;
  const legend = renderLegend(LEGEND, { left: 8, top: 4, width });
  const TOP = legend.height + 28;
  const shown = cycles.filter((cycle) => cycle.lifecycle.ga).slice(0, options.limit ?? 8).reverse();
  const todayTime = toTime(options.today);
  const starts = shown.map((cycle) => toTime(cycle.lifecycle.ga!.date));
  const ends = shown.map((cycle) => toTime(cycle.lifecycle.endOfLife?.endsBefore ?? cycle.lifecycle.ga!.date) );
  const from = Math.min(todayTime, ...starts) - 30 * 86_400_000;
  const to = Math.max(todayTime + 180 * 86_400_000, ...ends) + 30 * 86_400_000;
  const plot = width - LABEL - 16;
  const x = (time: number) => LABEL + ((time - from) / (to - from)) * plot;
  const height = TOP + shown.length * ROW + 30;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape(options.title ?? 'Release timeline')}" font-family="system-ui, sans-serif" font-size="12">`,
    `<title>${escape(options.title ?? 'Release timeline')}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
  );
  for (let year = new Date(from).getUTCFullYear() + 1; Date.UTC(year, 0, 1) < to; year++) {
    const at = x(Date.UTC(year, 0, 1)).toFixed(1);
    parts.push(`<line x1="${at}" y1="${TOP - 8}" x2="${at}" y2="${height - 24}" stroke="#e3e5e8"/>`, `<text x="${at}" y="${TOP - 12}" text-anchor="middle" fill="#555">${year}</text>`);
  }
  shown.forEach((cycle, index) => {
    const y = TOP + index * ROW;
    const life = cycle.lifecycle;
    const ga = toTime(life.ga!.date);
    const eoas = life.endOfActiveSupport ? toTime(life.endOfActiveSupport.endsBefore) : null;
    const eol = life.endOfLife ? toTime(life.endOfLife.endsBefore) : null;
    const planned = !life.ga!.happened;
    parts.push(`<text x="${LABEL - 8}" y="${y + 15}" text-anchor="end" font-weight="600">${escape(cycle.name)}</text>`);
    const bar = (start: number, end: number, color: string, label: string) => {
      const [left, right] = [x(start), x(Math.max(end, start + 86_400_000))];
      const dash = planned ? PLANNED_STYLE : '';
      parts.push(
        `<rect x="${left.toFixed(1)}" y="${y + 4}" width="${(right - left).toFixed(1)}" height="${ROW - 10}" rx="3" fill="${color}" stroke="${color}"${dash}><title>${escape(`${cycle.name} ${label}`)}</title></rect>`,
      );
    };
    const activeColor = life.isLts ? COLORS.lts : COLORS.active;
    if (eol === null) bar(ga, ga + 60 * 86_400_000, COLORS.planned, 'support end not announced');
    else if (eoas !== null && eoas < eol) {
      bar(ga, eoas, activeColor, `${life.isLts ? 'LTS' : 'active'} support until ${life.endOfActiveSupport!.text}`);
      bar(eoas, eol, COLORS.extended, `extended support until ${life.endOfLife!.text}`);
    } else bar(ga, eol, activeColor, `${life.isLts ? 'LTS' : 'active'} support until ${life.endOfLife!.text}`);
  });
  const todayX = x(todayTime).toFixed(1);
  parts.push(
    `<line x1="${todayX}" y1="${TOP - 6}" x2="${todayX}" y2="${height - 24}" stroke="${COLORS.today}" stroke-width="2"/>`,
    `<text x="${todayX}" y="${height - 10}" text-anchor="middle" fill="${COLORS.today}" font-weight="600">today ${options.today}</text>`,
  );
  parts.push(legend.svg);
  parts.push('</svg>');
  return parts.join('\n');
}
