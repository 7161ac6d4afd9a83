// containerd pkg/gc: tricolour mark from roots over a reference graph, then sweep.
export interface Node {
  type: 'content' | 'snapshot';
  key: string;
}

const id = (n: Node) => `${n.type}/${n.key}`;

export async function mark(roots: Node[], refs: (n: Node) => Promise<Node[]>): Promise<Set<string>> {
  const black = new Set<string>();
  const grey = [...roots];
  while (grey.length > 0) {
    const n = grey.pop()!;
    if (black.has(id(n))) continue;
    black.add(id(n));
    for (const child of await refs(n)) if (!black.has(id(child))) grey.push(child);
  }
  return black;
}

export function reachable(marked: Set<string>, n: Node): boolean {
  return marked.has(id(n));
}
