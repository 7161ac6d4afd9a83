// containerd core/images: an image is a name pointing at a target descriptor (an index
// or manifest in the content store).
import type { Descriptor } from '../../specs/oci.js';

export interface Image {
  name: string;
  target: Descriptor;
  labels: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
}

export interface Store {
  get(name: string): Promise<Image>;
  list(...filters: string[]): Promise<Image[]>;
  create(image: Pick<Image, 'name' | 'target'> & { labels?: Record<string, string> }): Promise<Image>;
  update(image: Pick<Image, 'name' | 'target'> & { labels?: Record<string, string> }): Promise<Image>;
  delete(name: string): Promise<void>;
}
