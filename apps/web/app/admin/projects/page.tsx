import type { Metadata } from 'next';
import Link from 'next/link';
import { authorize } from '@shepherd/governance';
import { listProjectSummaries } from '@shepherd/governance/projects/index';
import { prisma } from '@/lib/database';
import { requireUser } from '@/lib/session';
import { ActionForm, Field, TextAreaField } from '../../components/form';
import { ReleaseDataChoice } from './release-data-choice';
import { addProjectAction } from './project.actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Projects' };

// A starting point to edit, in the shape the policies API uses; the effective date is left for the
// admin to fill in (releases tagged before the first policy get no computed support dates).
const POLICY_TEMPLATE = JSON.stringify(
  [
    {
      version: 1,
      name: '6-month cadence',
      effectiveFrom: 'YYYY-MM-DD',
      firstCycle: null,
      rules: {
        cadence: { months: [5, 11] },
        betaLeadWeeks: { min: 8, max: 10 },
        rcLeadWeeks: { min: 2, max: 4 },
        regularSupport: { kind: 'longer-of', monthsAfterGa: 12, monthsAfterNextMinor: 6 },
        lts: { designation: 'any', gaMonth: null, minOwners: 2, minSupportMonths: 24, extendedSupportMonthsWithoutOwners: null },
        releaseOwners: null,
      },
    },
  ],
  null,
  2,
);

const PROJECT_LABELS = {
  slug: 'Slug',
  name: 'Name',
  repository: 'Repository',
  homepage: 'Homepage',
  ltsUpgradeLine: 'LTS upgrade line',
  releaseData: 'Release data',
  tagsFile: 'Tags file',
  releasesMdFile: 'RELEASES.md',
  policies: 'Release policies',
};

export default async function ProjectsPage() {
  const actor = await requireUser('/admin/projects');
  const projects = await listProjectSummaries(await prisma());
  const canAdd = authorize(actor, 'project.create', {}).allowed;
  return (
    <>
      <h1>Projects</h1>
      <table data-testid="projects">
        <thead>
          <tr>
            <th>Project</th>
            <th>Repository</th>
            <th>Support dates</th>
            <th>Cycles</th>
            <th>Policy</th>
            <th>Added</th>
          </tr>
        </thead>
        <tbody>
          {projects.map((project) => (
            <tr key={project.slug} data-project={project.slug}>
              <td>
                <Link href={`/projects/${project.slug}/releases`}>{project.name}</Link> <span className="muted">({project.slug})</span>
              </td>
              <td>{project.repository}</td>
              <td>{project.supportDates === 'COMPUTED' ? 'computed from the policy' : 'published by the project'}</td>
              <td>{project.cycles}</td>
              <td>{project.policies.length ? project.policies.map((version) => `v${version}`).join(', ') : '—'}</td>
              <td>{project.addedBy ? `by ${project.addedBy}` : 'bundled'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Add a project</h2>
      {!canAdd ? (
        <p className="note" role="alert">
          Only instance admins add projects.
        </p>
      ) : (
        <ActionForm action={addProjectAction} submit="Add project" testId="add-project" labels={PROJECT_LABELS}>
          <p className="muted">
            Its release data can come from a RELEASES.md-style table (its support dates are then the ones it publishes), from a tags file, or later from the GitHub sync of
            its repository. Without a table, Shepherd computes each release&apos;s support dates from the policy below and the day its x.y.0 tag was made, and says so
            wherever it shows them.
          </p>
          <div className="fields">
            <Field name="slug" label="Slug" required pattern="[a-z0-9][a-z0-9-]*" placeholder="nerdctl" size={16} hint="lower-case letters, digits and dashes" />
            <Field name="name" label="Name" placeholder="nerdctl" size={16} />
            <Field name="repository" label="Repository" required placeholder="owner/name" size={24} />
            <Field name="homepage" label="Homepage" type="url" placeholder="https://…" size={24} />
            <Field name="ltsUpgradeLine" label="LTS upgrade line" placeholder="1.7, 2.3" size={16} hint="LTS releases upgraded directly" />
          </div>
          <ReleaseDataChoice />
          <TextAreaField
            name="policies"
            label="Release policies (JSON)"
            hint="versioned, each with the day it took effect; later versions are added from the release plan page"
            className="code"
            rows={16}
            initial={POLICY_TEMPLATE}
            spellCheck={false}
            required
          />
        </ActionForm>
      )}
    </>
  );
}
