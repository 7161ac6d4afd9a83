// containerd core/leases: a lease protects resources (content blobs, ingests, snapshots)
// from garbage collection while work that has not yet created its roots is in flight.
export interface Lease {
  id: string;
  createdAt: Date;
  labels: Record<string, string>;
}

export interface Resource {
  id: string;
  type: 'content' | 'ingests' | 'snapshots/native';
}

export interface Manager {
  create(opts?: { id?: string; labels?: Record<string, string>; expiresInMs?: number }): Promise<Lease>;
  delete(id: string): Promise<void>;
  list(...filters: string[]): Promise<Lease[]>;
  addResource(leaseId: string, r: Resource): Promise<void>;
  deleteResource(leaseId: string, r: Resource): Promise<void>;
  listResources(leaseId: string): Promise<Resource[]>;
}

// containerd.io/gc.expire: an RFC3339 time after which GC ignores the lease.
export const LabelGCExpire = 'containerd.io/gc.expire';
