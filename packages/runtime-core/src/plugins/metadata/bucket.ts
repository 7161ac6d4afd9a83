// A JSON file holding one kind of record, re-read when another process changed it.
// Mutations are serialised in-process and written atomically; concurrent writers in
// different processes are last-writer-wins (the CLI's commands are short-lived).
import { readFile, stat } from 'node:fs/promises';
import { writeFileAtomic } from '../../pkg/atomicfile.js';
import { Mutex } from '../../pkg/rwlock.js';

const STALE_MS = 50;

export class Bucket<T> {
  private cache = new Map<string, T>();
  private mtimeMs = -1;
  private checkedAt = -Infinity;
  private mutating = 0;
  private readonly mutex = new Mutex();

  constructor(
    private readonly file: string,
    private readonly revive: (raw: T) => T,
  ) {}

  // Another process's change is noticed within STALE_MS; hot paths (a task per image
  // lookup) then cost no stat call.
  async load(): Promise<Map<string, T>> {
    const now = performance.now();
    // While we write, our own map is the truth: re-reading the file mid-write would
    // replace it under the mutation in progress.
    if (this.mutating > 0 || now - this.checkedAt < STALE_MS) return this.cache;
    this.checkedAt = now;
    let st;
    try {
      st = await stat(this.file);
    } catch {
      return this.cache;
    }
    if (st.mtimeMs !== this.mtimeMs) {
      const raw = JSON.parse(await readFile(this.file, 'utf8')) as Record<string, T>;
      this.cache = new Map(Object.entries(raw).map(([k, v]) => [k, this.revive(v)]));
      this.mtimeMs = st.mtimeMs;
    }
    return this.cache;
  }

  // fn edits the map in place; it is persisted when fn returns.
  mutate<R>(fn: (m: Map<string, T>) => R | Promise<R>): Promise<R> {
    return this.mutex.run(async () => {
      const m = await this.load();
      this.mutating++;
      try {
        const out = await fn(m);
        await writeFileAtomic(this.file, JSON.stringify(Object.fromEntries(m)));
        this.mtimeMs = (await stat(this.file)).mtimeMs;
        this.cache = m;
        return out;
      } finally {
        this.mutating--;
      }
    });
  }
}
