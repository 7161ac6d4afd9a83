// containerd's filter language, the subset the CLI uses:
//   filter  := clause ("," clause)*          clauses AND together
//   clause  := fieldpath [op value]          no op: the field must be present
//   op      := "==" | "!=" | "~="            ~= is a regular expression match
//   fieldpath := segment ("." segment)*      segments may be "quoted" (label keys hold dots)
// Several filter strings OR together, as in containerd's List(ctx, filters...).
import { invalidArgument } from '../errdefs/errdefs.js';

type Op = '==' | '!=' | '~=';
interface Clause {
  path: string[];
  op?: Op;
  value?: string;
  re?: RegExp;
}

export type Adaptor = (path: string[]) => string | undefined;

export interface Filter {
  match(adaptor: Adaptor): boolean;
}

class Scanner {
  pos = 0;
  constructor(readonly src: string) {}
  fail(what: string): never {
    throw invalidArgument(`filter ${JSON.stringify(this.src)}: ${what} at column ${this.pos + 1}`);
  }
  peek(): string {
    return this.src[this.pos] ?? '';
  }
  done(): boolean {
    return this.pos >= this.src.length;
  }
  skipSpace(): void {
    while (this.peek() === ' ') this.pos++;
  }
  quoted(): string {
    let out = '';
    this.pos++;
    while (!this.done() && this.peek() !== '"') {
      if (this.peek() === '\\') this.pos++;
      out += this.src[this.pos++];
    }
    if (this.done()) this.fail('unterminated quoted string');
    this.pos++;
    return out;
  }
  word(stop: RegExp): string {
    if (this.peek() === '"') return this.quoted();
    const start = this.pos;
    while (!this.done() && !stop.test(this.peek())) this.pos++;
    if (start === this.pos) this.fail('expected a field or value');
    return this.src.slice(start, this.pos);
  }
}

function parseClause(s: Scanner): Clause {
  s.skipSpace();
  const path = [s.word(/[.,=!~ ]/)];
  while (s.peek() === '.') {
    s.pos++;
    path.push(s.word(/[.,=!~ ]/));
  }
  s.skipSpace();
  const two = s.src.slice(s.pos, s.pos + 2);
  if (two !== '==' && two !== '!=' && two !== '~=') return { path };
  s.pos += 2;
  s.skipSpace();
  const value = s.word(/[,]/).trimEnd();
  if (two !== '~=') return { path, op: two, value };
  try {
    return { path, op: two, value, re: new RegExp(value) };
  } catch (err) {
    return s.fail(`invalid regular expression ${JSON.stringify(value)}: ${(err as Error).message}`);
  }
}

export function parse(expr: string): Filter {
  const s = new Scanner(expr);
  const clauses: Clause[] = [];
  for (;;) {
    clauses.push(parseClause(s));
    s.skipSpace();
    if (s.done()) break;
    if (s.peek() !== ',') s.fail(`unexpected ${JSON.stringify(s.peek())}`);
    s.pos++;
  }
  return {
    match(adaptor) {
      return clauses.every((c) => {
        const v = adaptor(c.path);
        if (c.op === undefined) return v !== undefined;
        if (c.op === '==') return v === c.value;
        if (c.op === '!=') return v !== c.value;
        return v !== undefined && c.re!.test(v);
      });
    },
  };
}

// Any of the filters matches; no filters match everything.
export function parseAll(exprs: readonly string[]): Filter {
  const fs = exprs.map(parse);
  return { match: (a) => fs.length === 0 || fs.some((f) => f.match(a)) };
}

// Adapts a plain object: nested records are walked by path; numbers and booleans compare as text.
export function adaptObject(obj: unknown): Adaptor {
  return (path) => {
    let cur: unknown = obj;
    for (const seg of path) {
      if (cur === null || typeof cur !== 'object') return undefined;
      cur = (cur as Record<string, unknown>)[seg];
    }
    if (cur === undefined || cur === null) return undefined;
    return typeof cur === 'object' ? '' : String(cur);
  };
}
