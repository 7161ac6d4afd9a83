import type { Sandbox, Store } from '../../core/sandbox/sandbox.js';
import { alreadyExists, invalidArgument, notFound } from '../../errdefs/errdefs.js';
import { adaptObject, parseAll } from '../../filters/filters.js';
import { Bucket } from './bucket.js';

const revive = (s: Sandbox): Sandbox => ({ ...s, createdAt: new Date(s.createdAt), updatedAt: new Date(s.updatedAt) });

export class SandboxStore implements Store {
  private readonly bucket: Bucket<Sandbox>;

  constructor(file: string) {
    this.bucket = new Bucket(file, revive);
  }

  async create(s: Pick<Sandbox, 'id' | 'runtime'> & { labels?: Record<string, string> }): Promise<Sandbox> {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(s.id)) throw invalidArgument(`sandbox id ${JSON.stringify(s.id)}: invalid`);
    return this.bucket.mutate((m) => {
      if (m.has(s.id)) throw alreadyExists(`sandbox ${JSON.stringify(s.id)}: already exists`);
      const now = new Date();
      const sb: Sandbox = { id: s.id, runtime: s.runtime, labels: s.labels ?? {}, createdAt: now, updatedAt: now };
      m.set(s.id, sb);
      return sb;
    });
  }

  async get(id: string): Promise<Sandbox> {
    const s = (await this.bucket.load()).get(id);
    if (!s) throw notFound(`sandbox ${JSON.stringify(id)}: not found`);
    return s;
  }

  async list(...filters: string[]): Promise<Sandbox[]> {
    const f = parseAll(filters);
    return [...(await this.bucket.load()).values()].filter((s) => f.match(adaptObject(s)));
  }

  async update(s: Pick<Sandbox, 'id' | 'labels'>): Promise<Sandbox> {
    return this.bucket.mutate((m) => {
      const cur = m.get(s.id);
      if (!cur) throw notFound(`sandbox ${JSON.stringify(s.id)}: not found`);
      const next = { ...cur, labels: s.labels, updatedAt: new Date() };
      m.set(s.id, next);
      return next;
    });
  }

  async delete(id: string): Promise<void> {
    await this.bucket.mutate((m) => {
      if (!m.delete(id)) throw notFound(`sandbox ${JSON.stringify(id)}: not found`);
    });
  }
}
