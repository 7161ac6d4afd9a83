// containerd core/imageverifier: plugins judge an image before it is stored.
import type { Descriptor } from '../../specs/oci.js';

export interface Judgement {
  ok: boolean;
  reason: string;
}

export interface ImageVerifier {
  verifyImage(name: string, desc: Descriptor): Promise<Judgement>;
}
