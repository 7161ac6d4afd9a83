// Pieces shared by Shepherd's SVG pictures (the release timeline, the plan chart): text escaping and
// a legend whose entries flow left to right and wrap, spaced by the width of their labels.

export const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** An entry: its label, and the swatch drawn in a 12 × 10 box at (x, y), as the picture draws that thing. */
export interface LegendEntry {
  label: string;
  swatch: (x: number, y: number) => string;
}

// system-ui at 12 px averages under 7 px per character; a generous estimate keeps labels apart.
const CHAR_WIDTH = 7;
const ROW_HEIGHT = 16;

/** The legend's SVG and the height it takes, within `width` starting at `left`. */
export function renderLegend(entries: readonly LegendEntry[], options: { left: number; top: number; width: number }): { svg: string; height: number } {
  const parts: string[] = [];
  let x = options.left;
  let y = options.top;
  for (const entry of entries) {
    const span = 16 + entry.label.length * CHAR_WIDTH + 18;
    if (x > options.left && x + span > options.width) {
      x = options.left;
      y += ROW_HEIGHT;
    }
    parts.push(entry.swatch(x, y), `<text x="${x + 16}" y="${y + 9}" fill="#333">${escapeXml(entry.label)}</text>`);
    x += span;
  }
  return { svg: parts.join('\n'), height: y - options.top + ROW_HEIGHT };
}

export const solidSwatch = (color: string) => (x: number, y: number) => `<rect x="${x}" y="${y}" width="12" height="10" rx="2" fill="${color}"/>`;
