import type { Metadata } from 'next';
import { authorize, listProjects, listRoleGrants, ROLE_LABELS, ROLES } from '@shepherd/governance';
import { prisma } from '@/lib/database';
import { requireUser } from '@/lib/session';
import { ActionForm, Field, SelectField } from '../../components/form';
import { grantRoleAction, revokeRoleAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Roles' };

export default async function RolesPage() {
  const actor = await requireUser('/admin/roles');
  const client = await prisma();
  const projects = await listProjects(client);
  const grants = await listRoleGrants(client);
  const administered = projects.filter((project) => authorize(actor, 'role.grant', { projectId: project.id }).allowed);
  return (
    <>
      <h1>Roles</h1>
      <p className="muted">
        Roles are granted per project to GitHub logins (or local logins). Release owners and LTS owners hold their role for one cycle. Only a project&apos;s admins grant and revoke
        roles, and every change is in the audit log.
      </p>
      {administered.length > 0 && (
        <ActionForm action={grantRoleAction} submit="Grant" testId="grant-role" labels={{ project: 'Project', login: 'Login', role: 'Role', cycle: 'Cycle', note: 'Why' }}>
          <div className="fields">
            <SelectField name="project" label="Project">
              {administered.map((project) => (
                <option key={project.slug}>{project.slug}</option>
              ))}
            </SelectField>
            <Field name="login" label="Login" required placeholder="github-login" />
            <SelectField name="role" label="Role" initial="MAINTAINER">
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </SelectField>
            <Field name="cycle" label="Cycle" hint="release and LTS owners only" placeholder="2.3" size={6} />
            <Field name="note" label="Why" hint="recorded in the audit log" maxLength={500} size={30} />
          </div>
        </ActionForm>
      )}
      <table data-testid="role-grants">
        <thead>
          <tr>
            <th>Project</th>
            <th>Login</th>
            <th>Role</th>
            <th>Source</th>
            <th>Granted by</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {grants.map((grant) => (
            <tr key={grant.id}>
              <td>{grant.project}</td>
              <td>{grant.login}</td>
              <td>
                {grant.roleLabel}
                {grant.cycle && ` of ${grant.cycle}`}
                {grant.kepNumber && ` (KEP-${grant.kepNumber})`}
              </td>
              <td>{grant.source}</td>
              <td>{grant.grantedBy ?? '—'}</td>
              <td>
                {administered.some((project) => project.slug === grant.project) && (
                  <ActionForm action={revokeRoleAction} submit="Revoke" inline>
                    <input type="hidden" name="id" value={grant.id} />
                  </ActionForm>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
