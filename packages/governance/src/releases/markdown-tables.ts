// Finds the pipe tables in a markdown document, with the line number of every row, so an import
// can say exactly which line it could not read.

export interface MarkdownRow {
  line: number;
  cells: string[];
}

export interface MarkdownTable {
  line: number;
  header: string[];
  rows: MarkdownRow[];
  /** Lines after the table up to the next table or heading (footnotes live there). */
  trailer: { line: number; text: string }[];
}

function splitRow(text: string): string[] {
  const cells: string[] = [];
  let current = '';
  const body = text.trim().replace(/^\|/, '').replace(/\|$/, '');
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && body[i + 1] === '|') {
      current += '|';
      i++;
    } else if (body[i] === '|') {
      cells.push(current.trim());
      current = '';
    } else current += body[i];
  }
  cells.push(current.trim());
  return cells;
}

const isSeparator = (cells: string[]) => cells.length > 0 && cells.every((cell) => /^:?-{2,}:?$/.test(cell));

export function findTables(markdown: string): MarkdownTable[] {
  const lines = markdown.split(/\r?\n/);
  const tables: MarkdownTable[] = [];
  let current: MarkdownTable | null = null;
  let inRows = false;
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index];
    const line = index + 1;
    if (text.trim().startsWith('|')) {
      const cells = splitRow(text);
      if (current && inRows) {
        current.rows.push({ line, cells });
        continue;
      }
      const next = lines[index + 1];
      if (next && isSeparator(splitRow(next))) {
        current = { line, header: cells.map((cell) => cell.toLowerCase()), rows: [], trailer: [] };
        tables.push(current);
        inRows = true;
        index++;
      }
      continue;
    }
    inRows = false;
    if (!current) continue;
    if (/^\s*#/.test(text)) current = null;
    else if (text.trim() !== '') current.trailer.push({ line, text });
  }
  return tables;
}

/** The table whose header holds all the given column names (case-insensitive). */
export function tableWithColumns(tables: MarkdownTable[], columns: string[]): MarkdownTable | undefined {
  return tables.find((table) => columns.every((column) => table.header.includes(column.toLowerCase())));
}
