import type { Image, Store } from '../../core/images/images.js';
import { Topic, type Publisher } from '../../core/events/events.js';
import { alreadyExists, invalidArgument, notFound } from '../../errdefs/errdefs.js';
import { adaptObject, parseAll } from '../../filters/filters.js';
import { parseDescriptor } from '../../specs/oci.js';
import type { RWLock } from '../../pkg/rwlock.js';
import { Bucket } from './bucket.js';

const revive = (i: Image): Image => ({ ...i, createdAt: new Date(i.createdAt), updatedAt: new Date(i.updatedAt) });

// Reference grammar kept loose on purpose (any non-empty name without whitespace), as
// OCI layouts carry arbitrary ref names.
function checkName(name: string): void {
  if (!name || /\s/.test(name)) throw invalidArgument(`image name ${JSON.stringify(name)}: must be non-empty without whitespace`);
}

export class ImageStore implements Store {
  private readonly bucket: Bucket<Image>;

  constructor(
    file: string,
    private readonly gcLock: RWLock,
    private readonly publisher?: Publisher,
  ) {
    this.bucket = new Bucket(file, revive);
  }

  async get(name: string): Promise<Image> {
    const img = (await this.bucket.load()).get(name);
    if (!img) throw notFound(`image ${JSON.stringify(name)}: not found`);
    return img;
  }

  async list(...filters: string[]): Promise<Image[]> {
    const f = parseAll(filters);
    return [...(await this.bucket.load()).values()].filter((i) => f.match(adaptObject(i))).sort((a, b) => a.name.localeCompare(b.name));
  }

  async create(image: Pick<Image, 'name' | 'target'> & { labels?: Record<string, string> }): Promise<Image> {
    checkName(image.name);
    parseDescriptor(image.target, `image ${image.name} target`);
    const created = await this.gcLock.read(() =>
      this.bucket.mutate((m) => {
        if (m.has(image.name)) throw alreadyExists(`image ${JSON.stringify(image.name)}: already exists`);
        const now = new Date();
        const img: Image = { name: image.name, target: image.target, labels: image.labels ?? {}, createdAt: now, updatedAt: now };
        m.set(image.name, img);
        return img;
      }),
    );
    this.publisher?.publish('default', Topic.ImageCreate, { name: created.name, labels: created.labels });
    return created;
  }

  async update(image: Pick<Image, 'name' | 'target'> & { labels?: Record<string, string> }): Promise<Image> {
    parseDescriptor(image.target, `image ${image.name} target`);
    const updated = await this.gcLock.read(() =>
      this.bucket.mutate((m) => {
        const cur = m.get(image.name);
        if (!cur) throw notFound(`image ${JSON.stringify(image.name)}: not found`);
        const img: Image = { ...cur, target: image.target, labels: image.labels ?? cur.labels, updatedAt: new Date() };
        m.set(image.name, img);
        return img;
      }),
    );
    this.publisher?.publish('default', Topic.ImageUpdate, { name: updated.name, labels: updated.labels });
    return updated;
  }

  async delete(name: string): Promise<void> {
    await this.bucket.mutate((m) => {
      if (!m.delete(name)) throw notFound(`image ${JSON.stringify(name)}: not found`);
    });
    this.publisher?.publish('default', Topic.ImageDelete, { name });
  }
}
