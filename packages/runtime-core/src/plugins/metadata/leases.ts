import { randomBytes } from 'node:crypto';
import { LabelGCExpire, type Lease, type Manager, type Resource } from '../../core/leases/leases.js';
import { alreadyExists, notFound } from '../../errdefs/errdefs.js';
import { adaptObject, parseAll } from '../../filters/filters.js';
import type { RWLock } from '../../pkg/rwlock.js';
import { Bucket } from './bucket.js';

interface Record_ {
  lease: Lease;
  resources: Resource[];
}

const revive = (r: Record_): Record_ => ({ ...r, lease: { ...r.lease, createdAt: new Date(r.lease.createdAt) } });

export class LeaseManager implements Manager {
  private readonly bucket: Bucket<Record_>;

  constructor(
    file: string,
    private readonly gcLock: RWLock,
  ) {
    this.bucket = new Bucket(file, revive);
  }

  async create(opts: { id?: string; labels?: Record<string, string>; expiresInMs?: number } = {}): Promise<Lease> {
    const id = opts.id ?? `lease-${Date.now()}-${randomBytes(4).toString('hex')}`;
    const labels = { ...opts.labels };
    if (opts.expiresInMs !== undefined) labels[LabelGCExpire] = new Date(Date.now() + opts.expiresInMs).toISOString();
    return this.bucket.mutate((m) => {
      if (m.has(id)) throw alreadyExists(`lease ${JSON.stringify(id)}: already exists`);
      const lease: Lease = { id, createdAt: new Date(), labels };
      m.set(id, { lease, resources: [] });
      return lease;
    });
  }

  async delete(id: string): Promise<void> {
    await this.bucket.mutate((m) => {
      if (!m.delete(id)) throw notFound(`lease ${JSON.stringify(id)}: not found`);
    });
  }

  async list(...filters: string[]): Promise<Lease[]> {
    const f = parseAll(filters);
    return [...(await this.bucket.load()).values()].map((r) => r.lease).filter((l) => f.match(adaptObject(l)));
  }

  // Taken under the GC read lock: a resource added here is seen by any later collection.
  async addResource(leaseId: string, r: Resource): Promise<void> {
    await this.gcLock.read(() =>
      this.bucket.mutate((m) => {
        const rec = m.get(leaseId);
        if (!rec) throw notFound(`lease ${JSON.stringify(leaseId)}: not found`);
        if (!rec.resources.some((x) => x.id === r.id && x.type === r.type)) rec.resources.push(r);
      }),
    );
  }

  async deleteResource(leaseId: string, r: Resource): Promise<void> {
    await this.bucket.mutate((m) => {
      const rec = m.get(leaseId);
      if (!rec) throw notFound(`lease ${JSON.stringify(leaseId)}: not found`);
      rec.resources = rec.resources.filter((x) => !(x.id === r.id && x.type === r.type));
    });
  }

  async listResources(leaseId: string): Promise<Resource[]> {
    const rec = (await this.bucket.load()).get(leaseId);
    if (!rec) throw notFound(`lease ${JSON.stringify(leaseId)}: not found`);
    return [...rec.resources];
  }

  // Leases whose gc.expire time has passed no longer protect anything.
  async activeResources(now = new Date()): Promise<Resource[]> {
    const out: Resource[] = [];
    for (const rec of (await this.bucket.load()).values()) {
      const exp = rec.lease.labels[LabelGCExpire];
      if (exp && new Date(exp) < now) continue;
      out.push(...rec.resources);
    }
    return out;
  }
}
