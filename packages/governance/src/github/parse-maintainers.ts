export interface Maintainer {
  login: string;
  name: string | null;
  role: 'maintainer' | 'reviewer' | 'committer';
}

const ROLE_OF: Record<string, Maintainer['role']> = { maintainers: 'maintainer', reviewers: 'reviewer', committers: 'committer' };

/**
 * Reads containerd's MAINTAINERS file, a TOML document: `[Org.Maintainers] people = [...]`
 * (also Reviewers, Committers) and one `[people.<key>]` table per person with Name and GitHub.
 * Read line by line rather than with a strict TOML parser: the real file has sections whose case
 * varies (`[people.x]` and `[People.y]`) and free text we do not need.
 */
export function parseMaintainers(text: string): Maintainer[] {
  const roles = new Map<string, Maintainer['role']>();
  const people = new Map<string, { name?: string; github?: string }>();
  let section = '';
  let listRole: Maintainer['role'] | null = null;
  let inText = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if ((line.match(/"""/g)?.length ?? 0) % 2 === 1) inText = !inText;
    if (inText || line.startsWith('#') || line === '') continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      section = header[1].replace(/"/g, '');
      listRole = null;
      continue;
    }
    const [group, key] = section.split('.');
    if (group?.toLowerCase() === 'org' && key && ROLE_OF[key.toLowerCase()] && /^people\s*=/.test(line)) listRole = ROLE_OF[key.toLowerCase()];
    if (listRole) {
      for (const match of line.matchAll(/"([^"]+)"/g)) if (!roles.has(match[1].toLowerCase())) roles.set(match[1].toLowerCase(), listRole);
      if (line.includes(']')) listRole = null;
      continue;
    }
    if (group?.toLowerCase() === 'people' && key) {
      const field = /^(\w+)\s*=\s*"(.*)"\s*$/.exec(line);
      if (!field) continue;
      const person = people.get(key.toLowerCase()) ?? {};
      if (field[1].toLowerCase() === 'name') person.name = field[2];
      if (field[1].toLowerCase() === 'github') person.github = field[2];
      people.set(key.toLowerCase(), person);
    }
  }
  return [...roles].map(([key, role]) => ({ login: people.get(key)?.github ?? key, name: people.get(key)?.name ?? null, role }));
}
