// Minimal flag parsing: --flag value, --flag=value, boolean --flag; the rest positional.
import { invalidArgument } from '../errdefs/errdefs.js';

export interface Parsed {
  flags: Map<string, string[]>;
  positional: string[];
}

export function parseArgs(argv: string[], booleans: ReadonlySet<string>): Parsed {
  const flags = new Map<string, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
    let value: string;
    if (eq !== -1) value = a.slice(eq + 1);
    else if (booleans.has(name)) value = 'true';
    else {
      if (i + 1 >= argv.length) throw invalidArgument(`flag --${name} needs a value`);
      value = argv[++i]!;
    }
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { flags, positional };
}

// A misspelt flag would otherwise be ignored silently and the command run with its default.
export function rejectUnknownFlags(p: Parsed, command: string, known: readonly string[]): void {
  const unknown = [...p.flags.keys()].filter((f) => !known.includes(f));
  if (unknown.length === 0) return;
  const takes = known.length ? `it takes ${known.map((f) => `--${f}`).join(', ')}` : 'it takes none';
  throw invalidArgument(`${command}: unknown flag ${unknown.map((f) => `--${f}`).join(', ')} (${takes})`);
}

export function flag(p: Parsed, name: string): string | undefined {
  return p.flags.get(name)?.at(-1);
}

export function intFlag(p: Parsed, name: string, def: number, min = 1): number {
  const v = flag(p, name);
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw invalidArgument(`flag --${name}: want ${min === 0 ? 'an integer of 0 or more' : 'a positive integer'}, got ${JSON.stringify(v)}`);
  return n;
}
