import Link from 'next/link';
import { describeReleaseTeamState, kepPath, STATE_LABEL, type ReleaseTeamView, type TrackedKep, type TrackingState, type TrackingWarning } from '@shepherd/governance';
import styles from './keps.module.css';

export function StateBadge({ state }: { state: TrackingState }) {
  return <span className={`${styles.state} ${styles[state]}`}>{STATE_LABEL[state]}</span>;
}

/** The Kubernetes release team's state of a KEP in one release ("at risk for code freeze"). */
export function ReleaseTeamBadge({ view }: { view: Pick<ReleaseTeamView, 'state' | 'freeze' | 'exception' | 'outOfTree'> }) {
  return (
    <span className={`${styles.state} ${styles[`rt_${view.state}`]}`} data-release-team-state={view.state}>
      {describeReleaseTeamState(view)}
    </span>
  );
}

/** The PRR approval of the stage a KEP targets: who approved it, or that it is not approved. */
export function PrrCell({ prr }: { prr: { stage: string | null; approver: string | null; file: string | null } }) {
  if (prr.approver) {
    return (
      <span data-prr="approved">
        {prr.stage} approved by <a href={`https://github.com/${prr.approver}`}>@{prr.approver}</a>
      </span>
    );
  }
  if (!prr.stage) return <span className="muted">—</span>;
  return (
    <span className={styles.bad} data-prr="missing">
      {prr.stage} not approved{prr.file ? '' : <span className="muted"> (no PRR file)</span>}
    </span>
  );
}

export function Warnings({ warnings }: { warnings: TrackingWarning[] }) {
  if (warnings.length === 0) return <span className={styles.ok}>nothing blocking</span>;
  return (
    <ul className={styles.warnings} data-testid="warnings">
      {warnings.map((warning) => (
        <li key={`${warning.rule}:${warning.message}`} data-rule={warning.rule}>
          {warning.message}
        </li>
      ))}
    </ul>
  );
}

/** A tracked KEP, linked by its directory (a number several KEPs share is ambiguous), or by number while its kep.yaml is not merged. */
export function KepLink({ project, kep }: { project: string; kep: Pick<TrackedKep, 'kepNumber' | 'kepKey' | 'title'> }) {
  return (
    <Link href={`/projects/${project}/keps/${kepPath(kep)}`}>
      <strong>KEP-{kep.kepNumber}</strong> {kep.title}
      {!kep.kepKey && <span className="muted"> (kep.yaml not merged)</span>}
    </Link>
  );
}

/** Logins, with backups after them: "@a (backups: @b, @c)". */
export function HandlesWithBackups({ logins, backups }: { logins: string[]; backups: string[] }) {
  return (
    <>
      <Handles logins={logins} />
      {backups.length > 0 && (
        <span className="muted">
          {' '}
          (backup{backups.length === 1 ? '' : 's'}: <Handles logins={backups} />)
        </span>
      )}
    </>
  );
}

/** The file on GitHub a KEP was read from, when its repository path is known. */
export const kepSourceUrl = (kep: { repository: string | null; path: string | null }) => (kep.repository && kep.path ? `https://github.com/${kep.repository}/blob/HEAD/${kep.path}` : null);

export function Handles({ logins }: { logins: string[] }) {
  if (logins.length === 0) return <span className="muted">—</span>;
  return (
    <>
      {logins.map((login, index) => (
        <span key={login}>
          {index > 0 && ', '}
          <a href={login.includes('/') ? `https://github.com/orgs/${login.split('/')[0]}/teams/${login.split('/')[1]}` : `https://github.com/${login}`}>@{login}</a>
        </span>
      ))}
    </>
  );
}

export const day = (date: Date | null | undefined) => (date ? date.toISOString().slice(0, 10) : '—');

/** Previous / next between the pages of a paged table; `href` gives a page's link. */
export function Pager({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav className={styles.pager} aria-label="Pages" data-testid="pager">
      {page > 1 ? <Link href={href(page - 1)}>← previous</Link> : <span className="muted">← previous</span>}
      <span>
        page {page} of {pages}
      </span>
      {page < pages ? <Link href={href(page + 1)}>next →</Link> : <span className="muted">next →</span>}
    </nav>
  );
}

/** The SIGs a KEP involves besides its owner (kep.yaml often lists the owner among the participants). */
export const otherSigs = (kep: { owningSig: string | null; participatingSigs: string[] }) => kep.participatingSigs.filter((sig) => sig !== kep.owningSig);
