// Which KEP a number means. KEP numbers are not unique upstream (kubernetes/enhancements holds
// sig-node/2133-kubelet-credential-providers and sig-cloud-provider/2133-out-of-tree-credential-provider,
// and several 0000 KEPs). A runtime project's tracking issues are SIG-Node's, so a number means the
// KEP owned by sig-node, else one involving sig-node, else the first by directory; the others are
// listed, never dropped.

/** The SIG whose KEPs the runtime projects track (containerd's "SIG-Node Integration" form). */
export const TRACKED_SIG = 'sig-node';

export interface KepCandidate {
  key: string;
  owningSig: string | null;
  participatingSigs: string[];
  missingSince?: Date | null;
}

function rank(kep: KepCandidate): number {
  const tier = kep.owningSig === TRACKED_SIG ? 0 : kep.participatingSigs.includes(TRACKED_SIG) ? 1 : 2;
  // A KEP still in its source before one that disappeared from it.
  return tier * 2 + (kep.missingSince ? 1 : 0);
}

/** The KEP a number means among those that carry it, and the others. */
export function chooseKep<T extends KepCandidate>(candidates: T[]): { chosen: T | null; others: T[] } {
  const ordered = [...candidates].sort((a, b) => rank(a) - rank(b) || a.key.localeCompare(b.key));
  return { chosen: ordered[0] ?? null, others: ordered.slice(1) };
}

/** "4960" and "04960" name the same enhancement issue; "0" (a 0000 KEP) names none. */
export function enhancementIssueOf(number: string): number | null {
  return /^\d{1,9}$/.test(number) ? Number(number) || null : null;
}
