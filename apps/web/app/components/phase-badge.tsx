import type { Lifecycle } from '@shepherd/governance';

export function PhaseBadge({ lifecycle }: { lifecycle: Lifecycle }) {
  const style = lifecycle.phase === 'ACTIVE' && lifecycle.isLts ? 'LTS' : lifecycle.phase;
  return <span className={`badge phase-${style}`}>{lifecycle.label}</span>;
}

export function DateText({ date }: { date: { text: string; tentative: boolean } | null | undefined }) {
  if (!date) return <span className="muted">—</span>;
  return date.tentative ? <span className="tentative">{date.text} (tentative)</span> : <span>{date.text}</span>;
}

export function Owners({ owners }: { owners: { login: string; isTeam: boolean }[] }) {
  if (owners.length === 0) return <span className="muted">—</span>;
  return (
    <>
      {owners.map((owner, index) => (
        <span key={owner.login}>
          {index > 0 && ', '}
          <a href={owner.isTeam ? `https://github.com/orgs/${owner.login.split('/')[0]}/teams/${owner.login.split('/')[1]}` : `https://github.com/${owner.login}`}>
            @{owner.login}
          </a>
        </span>
      ))}
    </>
  );
}
