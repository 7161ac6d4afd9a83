// containerd's bindir image verifier: every executable in bin_dir is run with
//   -name <image> -digest <target digest> -stdin-media-type application/vnd.oci.descriptor.v1+json
// and the target descriptor on stdin. All must exit 0 to allow the image; a verifier that
// outlives per_verifier_timeout denies it. The first 32 KiB of stdout is the reason shown.
// A missing bin_dir allows everything, as in containerd.
import { spawn } from 'node:child_process';
import { access, constants, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ImageVerifier, Judgement } from '../../core/verifier/verifier.js';
import { invalidArgument } from '../../errdefs/errdefs.js';
import { PluginType, type Registration } from '../../plugin/plugin.js';
import type { Descriptor } from '../../specs/oci.js';

const OUTPUT_LIMIT = 1 << 15;
const DESCRIPTOR_MEDIA_TYPE = 'application/vnd.oci.descriptor.v1+json';

export interface BindirConfig {
  binDir: string;
  maxVerifiers: number;
  perVerifierTimeoutMs: number;
}

function runVerifier(bin: string, name: string, desc: Descriptor, timeoutMs: number): Promise<Judgement> {
  return new Promise((resolve) => {
    const child = spawn(bin, ['-name', name, '-digest', desc.digest, '-stdin-media-type', DESCRIPTOR_MEDIA_TYPE], {
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let out = '';
    let timedOut = false;
    // Deny at the deadline: a grandchild may keep stdout open long after the kill.
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
      child.stdout.destroy();
      resolve({ ok: false, reason: `timed out after ${timeoutMs} ms${out.trim() ? `: ${out.trim()}` : ''}` });
    }, timeoutMs);
    child.stdout.on('data', (c: Buffer) => {
      if (out.length < OUTPUT_LIMIT) out += c.toString('utf8').slice(0, OUTPUT_LIMIT - out.length);
    });
    child.stdin.on('error', () => undefined); // a verifier may exit without reading stdin
    child.stdin.end(JSON.stringify(desc));
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: `cannot run: ${err.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const reason = out.trim();
      if (timedOut) return;
      if (code === 0) resolve({ ok: true, reason });
      else resolve({ ok: false, reason: `exit ${code ?? signal}${reason ? `: ${reason}` : ''}` });
    });
  });
}

export class BindirVerifier implements ImageVerifier {
  constructor(readonly config: BindirConfig) {}

  async verifyImage(name: string, desc: Descriptor): Promise<Judgement> {
    let entries: string[];
    try {
      entries = (await readdir(this.config.binDir)).sort();
    } catch {
      return { ok: true, reason: `image verifier directory ${this.config.binDir} does not exist` };
    }
    const bins: string[] = [];
    for (const e of entries) {
      const p = path.join(this.config.binDir, e);
      const st = await stat(p).catch(() => undefined);
      if (!st?.isFile()) continue;
      if (await access(p, constants.X_OK).then(() => true, () => false)) bins.push(p);
    }
    if (bins.length === 0) return { ok: true, reason: `no image verifier executables in ${this.config.binDir}` };
    if (bins.length > this.config.maxVerifiers) {
      return { ok: false, reason: `${bins.length} verifiers in ${this.config.binDir} exceed max_verifiers ${this.config.maxVerifiers}` };
    }
    const reasons: string[] = [];
    for (const bin of bins) {
      const j = await runVerifier(bin, name, desc, this.config.perVerifierTimeoutMs);
      const line = `${path.basename(bin)}: ${j.reason || (j.ok ? 'allowed' : 'denied')}`;
      if (!j.ok) return { ok: false, reason: line };
      reasons.push(line);
    }
    return { ok: true, reason: reasons.join('; ') };
  }
}

export const bindirVerifierPlugin: Registration<BindirVerifier> = {
  type: PluginType.ImageVerifier,
  id: 'bindir',
  init: (ic) => {
    const c = ic.config;
    const binDir = c.binDir ?? path.join(ic.root, 'bin');
    const maxVerifiers = c.maxVerifiers ?? 10;
    const perVerifierTimeoutMs = c.perVerifierTimeoutMs ?? 10_000;
    if (typeof binDir !== 'string') throw invalidArgument(`bindir config binDir: want a string, got ${JSON.stringify(binDir)}`);
    if (typeof maxVerifiers !== 'number' || maxVerifiers < 1) throw invalidArgument(`bindir config maxVerifiers: want a positive number, got ${JSON.stringify(maxVerifiers)}`);
    if (typeof perVerifierTimeoutMs !== 'number' || perVerifierTimeoutMs <= 0) {
      throw invalidArgument(`bindir config perVerifierTimeoutMs: want a positive number, got ${JSON.stringify(perVerifierTimeoutMs)}`);
    }
    return new BindirVerifier({ binDir, maxVerifiers, perVerifierTimeoutMs });
  },
};
