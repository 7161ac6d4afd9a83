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

/** Marks support dates Shepherd computed from the project's policy (the project publishes none). */
export function ComputedMark({ lifecycle }: { lifecycle: Lifecycle }) {
  const from = lifecycle.supportComputedFrom;
  if (!from) return null;
  return (
    <span className="computed" title={`computed from release policy v${from.version}: ${from.name}`}>
      {' '}
      (computed)
    </span>
  );
}

/** Says once, for a page, that the dates marked "computed" are Shepherd's and which policies gave them. */
export function ComputedNote({ projectName, lifecycles }: { projectName: string; lifecycles: Lifecycle[] }) {
  const policies = new Map(lifecycles.flatMap((life) => (life.supportComputedFrom ? [[life.supportComputedFrom.version, life.supportComputedFrom.name] as const] : [])));
  if (policies.size === 0) return null;
  const named = [...policies].sort(([a], [b]) => a - b).map(([version, name]) => `v${version}: ${name}`);
  return (
    <p className="note" data-testid="computed-note">
      {projectName} publishes no support table. The support dates marked “computed” are Shepherd’s: its release policy ({named.join('; ')}) applied
      to the day each release was tagged. A date a maintainer sets on the release page replaces the computed one.
    </p>
  );
}
