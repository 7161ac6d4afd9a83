import { flattenMarkdownText, renderKubernetesTable, renderReleasesTable, statusWord, type ReleaseTableRow } from '../cadence/render-releases-table';
import { toCalendar, type PlanningData } from './load-planning-data';

// The block maintainers paste into RELEASES.md: the release table with its footnotes and the
// Kubernetes support table, generated from the database in the project's own format.

export function renderReleasesMd(data: PlanningData): string {
  const chronological = [...data.cycles].reverse();
  const footnoted = chronological.filter((cycle) => cycle.extendedSupportNote);
  const rows: ReleaseTableRow[] = chronological.map((cycle) => ({
    cycle: cycle.name,
    latestTag: cycle.lifecycle.ga?.happened ? cycle.latestRelease?.tag ?? null : null,
    milestone: Number(/\/milestone\/(\d+)/.exec(cycle.link ?? '')?.[1]) || null,
    status: statusWord(cycle.lifecycle.phase, cycle.lifecycle.isLts),
    start: toCalendar(cycle.lifecycle.ga),
    endOfLife: toCalendar(cycle.lifecycle.endOfLife),
    endOfLifeFootnote: footnoted.indexOf(cycle) + 1 || undefined,
    owners: cycle.owners.map((owner) => ({ login: owner.login, isTeam: owner.isTeam })),
  }));
  const repoUrl = `https://github.com/${data.project.repository}`;
  const notes = footnoted.map((cycle, index) => `${'\\*'.repeat(index + 1)} ${flattenMarkdownText(cycle.extendedSupportNote!)}`);
  return [
    renderReleasesTable(rows, { repoUrl }),
    ...(notes.length ? ['', notes.join('\n\n')] : []),
    '',
    renderKubernetesTable(data.kubernetes, data.project.name),
    '',
  ].join('\n');
}
