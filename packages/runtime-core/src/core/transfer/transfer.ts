// containerd core/transfer: move images between a source and a destination, reporting
// progress. Sources/destinations here: OCI image layouts (directory or tar) and the image store.
import type { Descriptor } from '../../specs/oci.js';

export interface OCILayoutSource {
  kind: 'oci-layout';
  path: string; // directory or .tar file
}

export interface ImageStoreTarget {
  kind: 'image-store';
  // Name for images whose index entry carries no ref name; also overrides a single ref.
  name?: string;
  // Unpack rootfs layers into snapshots right away (tasks need it; default true).
  unpack?: boolean;
  labels?: Record<string, string>;
}

export interface ImageStoreSource {
  kind: 'image-store';
  names: string[];
}

export interface OCILayoutTarget {
  kind: 'oci-layout';
  path: string;
  format: 'directory' | 'tar';
}

export interface Progress {
  event: 'resolving' | 'saved' | 'unpacking' | 'verified' | 'complete';
  name: string;
  desc?: Descriptor;
  progress?: number;
  total?: number;
}

export interface TransferOptions {
  progress?: (p: Progress) => void;
}

export interface Transferrer {
  transfer(src: OCILayoutSource, dst: ImageStoreTarget, opts?: TransferOptions): Promise<string[]>;
  transfer(src: ImageStoreSource, dst: OCILayoutTarget, opts?: TransferOptions): Promise<string[]>;
}
