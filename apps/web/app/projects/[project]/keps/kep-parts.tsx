import Link from 'next/link';
import { STATE_LABEL, type TrackedKep, type TrackingState, type TrackingWarning } from '@shepherd/governance';
import styles from './keps.module.css';

export function StateBadge({ state }: { state: TrackingState }) {
  return <span className={`${styles.state} ${styles[state]}`}>{STATE_LABEL[state]}</span>;
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

export function KepLink({ project, kep }: { project: string; kep: Pick<TrackedKep, 'kepNumber' | 'title'> }) {
  return (
    <Link href={`/projects/${project}/keps/${kep.kepNumber}`}>
      <strong>KEP-{kep.kepNumber}</strong> {kep.title}
    </Link>
  );
}

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
