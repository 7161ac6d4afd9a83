import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { POLICY, type Action } from './authorize';

// The docs' "who may" columns quote the policy table; a rule changed in one place must change in both.

const docs = (name: string) => fs.readFileSync(path.resolve(import.meta.dirname, '../../../../docs', name), 'utf8');

/** Table rows whose last cell ends with "(`action`)": the cell's words and the action. */
function whoCells(markdown: string): { action: string; who: string }[] {
  return [...markdown.matchAll(/\|\s*([^|\n]+?)\s*\(`([a-z-]+\.[a-z-]+)`\)\s*\|\s*$/gm)].map((m) => ({ who: m[1], action: m[2] }));
}

describe('docs and the policy table say the same', () => {
  it('docs/keps.md names who may update KEPs and replace the liaisons exactly as POLICY does', () => {
    const cells = whoCells(docs('keps.md'));
    expect(cells.map((cell) => cell.action).sort()).toEqual(['kep.liaisons', 'kep.update']);
    for (const cell of cells) expect(cell.who, cell.action).toBe(POLICY[cell.action as Action].needs);
  });

  it('a project-wide shepherd is not among those who may replace the liaisons', () => {
    expect(POLICY['kep.liaisons'].needs).not.toMatch(/shepherd/);
    expect(docs('auth.md')).toMatch(/\| shepherd \| [^\n]*not the liaisons of a Kubernetes release \|/);
  });
});
