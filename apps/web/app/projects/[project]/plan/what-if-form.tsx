'use client';

import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import type { ReleasePolicy } from '@shepherd/governance/cadence/policy-rules';
import type { ReleaseDiff, WhatIfResult } from '@shepherd/governance/cadence/what-if-schedule';
import { renderScheduleComparisonSvg } from '@shepherd/governance/planning/render-schedule-comparison';
import { fieldOfPolicyPath, PolicyFields, POLICY_FIELDS } from './policy-fields';

// "What if the policy changed?": the common rules as a form (a new version, or the one not yet in
// force), the whole policy list as JSON for everything else; a preview draws the schedule now and
// with the change, and lists what moves. Signed-in maintainers save it with a reason.

const FIELD_LABELS: Record<string, string> = {
  policyVersion: 'Policy',
  ga: 'GA',
  betaWindow: 'Beta window',
  rcWindow: 'RC window',
  isLts: 'LTS',
  endOfActiveSupport: 'End of active support',
  eol: 'End of life',
  eolWithoutLtsOwners: 'End of life without LTS owners',
};

const DATE = /(\d{4})-(\d{2})-(\d{2})/g;
const formatDay = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

/** "2026-08-26 (tentative)" → "August 26, 2026 (tentative)"; "a..b" → "a – b"; true → "yes". */
function showDiffValue(field: string, value: string | number | boolean | null): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (field === 'policyVersion') return `v${value}`;
  return String(value).replace('..', ' – ').replace(DATE, (day) => formatDay(day));
}

function firstOfNextMonth(today: string): string {
  const [year, month] = today.split('-').map(Number);
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
}

/** The version the form edits: one saved but not in force yet, else a new one after the newest. */
function startingDraft(policies: ReleasePolicy[], today: string): ReleasePolicy {
  const sorted = [...policies].sort((a, b) => a.version - b.version);
  const pending = sorted.filter((policy) => policy.effectiveFrom > today).at(-1);
  if (pending) return structuredClone(pending);
  const newest = sorted.at(-1)!;
  return { ...structuredClone(newest), version: newest.version + 1, name: `${newest.name} (changed)`, effectiveFrom: firstOfNextMonth(today), firstCycle: null };
}

const withDraft = (policies: ReleasePolicy[], draft: ReleasePolicy) => [...policies.filter((policy) => policy.version !== draft.version), draft].sort((a, b) => a.version - b.version);

function DiffTable({ diff }: { diff: ReleaseDiff[] }) {
  if (!diff.length) return <p>The schedule would not change.</p>;
  return (
    <table data-testid="what-if-changes">
      <thead>
        <tr>
          <th>Release</th>
          <th>What</th>
          <th>Now</th>
          <th>With the change</th>
        </tr>
      </thead>
      <tbody>
        {diff.flatMap((release) =>
          release.fields.map((field, index) => (
            <tr key={`${release.cycle}-${field.field}`}>
              <td>{index === 0 ? <strong>{release.cycle}</strong> : ''}</td>
              <td>{FIELD_LABELS[field.field] ?? field.field}</td>
              <td>{showDiffValue(field.field, field.before)}</td>
              <td>{showDiffValue(field.field, field.after)}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}

export function WhatIfForm({ project, policies, canSave, today }: { project: string; policies: ReleasePolicy[]; canSave: boolean; today: string }) {
  const router = useRouter();
  const [draft, setDraft] = useState(() => startingDraft(policies, today));
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [result, setResult] = useState<WhatIfResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const picture = useMemo(() => (result ? renderScheduleComparisonSvg(result.current, result.candidate, today) : null), [result, today]);

  const candidate = (): unknown => {
    if (mode === 'form') return withDraft(policies, draft);
    try {
      return JSON.parse(text);
    } catch (parseError) {
      throw new Error(`Not valid JSON: ${(parseError as Error).message}`);
    }
  };

  function switchTo(next: 'form' | 'json') {
    if (next === mode) return;
    if (next === 'json') setText(JSON.stringify(withDraft(policies, draft), null, 2));
    else {
      // Back to the form: it shows the newest version of what the JSON says.
      try {
        const parsed = JSON.parse(text) as ReleasePolicy[];
        const newest = [...parsed].sort((a, b) => a.version - b.version).at(-1);
        if (newest?.rules) setDraft(newest);
      } catch {
        // Unreadable JSON: the form keeps its own draft.
      }
    }
    setMode(next);
  }

  async function send(path: string, method: 'POST' | 'PUT', extra: object = {}) {
    setError(null);
    setSaved(null);
    setProblems({});
    let body: unknown;
    try {
      body = candidate();
    } catch (parseError) {
      setError((parseError as Error).message);
      return null;
    }
    setPending(true);
    try {
      const response = await fetch(`/api/projects/${project}/${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ policies: body, ...extra }) });
      const json = await response.json();
      if (!response.ok) {
        const field = typeof json.error?.details?.field === 'string' ? json.error.details.field : null;
        const message: string = json.error?.message ?? `HTTP ${response.status}`;
        const plain = message.replace(/^body\.[\w.]+: /, '').replace(/^note: /, '');
        const name = field === 'note' ? 'note' : field && mode === 'form' ? fieldOfPolicyPath(field) : null;
        if (name) setProblems({ [name]: plain });
        // A path into the JSON helps the advanced view; "body.policies:" alone says nothing.
        setError(name ? null : message.replace(/^body\.policies: /, ''));
        return null;
      }
      return json;
    } finally {
      setPending(false);
    }
  }

  async function preview() {
    const json = await send('what-if', 'POST');
    if (json) setResult(json);
  }

  async function save() {
    if (!note.trim()) {
      setProblems({ note: 'say why the policy changes (it is recorded in the audit log with the change)' });
      return;
    }
    const json = await send('policies', 'PUT', { note });
    if (!json) return;
    setResult(json.preview);
    const parts = (
      [
        ['added', json.created],
        ['changed', json.updated],
        ['withdrew', json.removed],
      ] as const
    )
      .filter(([, versions]) => versions.length)
      .map(([verb, versions]) => `${verb} ${versions.map((v: number) => `v${v}`).join(', ')}`);
    setSaved(`Saved: ${parts.join('; ')}. ${json.preview.diff.length ? `${json.preview.diff.length} release${json.preview.diff.length === 1 ? '' : 's'} moved (below).` : 'The schedule did not change.'} Recorded in the audit log.`);
    router.refresh();
  }

  const problemList = Object.entries(problems);
  return (
    <div className="card" data-testid="what-if">
      <div className="tabs" role="tablist" aria-label="How to edit the policy">
        <button type="button" role="tab" aria-selected={mode === 'form'} className={mode === 'form' ? undefined : 'secondary'} onClick={() => switchTo('form')}>
          Common rules
        </button>
        <button type="button" role="tab" aria-selected={mode === 'json'} className={mode === 'json' ? undefined : 'secondary'} onClick={() => switchTo('json')}>
          JSON (advanced)
        </button>
      </div>
      {problemList.length > 0 && (
        <div className="form-problems" role="alert">
          <strong>Check {problemList.length === 1 ? 'this field' : 'these fields'}.</strong>
          <ul>
            {problemList.map(([name, text]) => (
              <li key={name}>
                {name === 'note' ? 'Why' : (POLICY_FIELDS[name]?.label ?? name)}: {text}
              </li>
            ))}
          </ul>
        </div>
      )}
      {error && (
        <p className="form-problems" role="alert">
          {error}
        </p>
      )}
      {mode === 'form' ? (
        <>
          <p className="muted">
            Editing v{draft.version}
            {policies.some((policy) => policy.version === draft.version) ? ' (saved, not in force yet)' : ' (a new version)'}. Policies already in force are history and do not change.
          </p>
          <PolicyFields draft={draft} onChange={setDraft} problems={problems} />
        </>
      ) : (
        <div className="field">
          <label htmlFor="what-if-json">Candidate policies (JSON)</label>
          <textarea id="what-if-json" aria-label="Candidate policies (JSON)" value={text} onChange={(event) => setText(event.target.value)} rows={16} className="code" spellCheck={false} />
        </div>
      )}
      <p>
        <button type="button" onClick={preview} disabled={pending}>
          Preview schedule
        </button>{' '}
        <span className="muted">Nothing is saved.</span>
      </p>
      {canSave && (
        <div className="fields">
          <div className="field">
            <label htmlFor="what-if-note">Why</label>
            <input
              id="what-if-note"
              value={note}
              onChange={(event) => setNote(event.target.value)}
              maxLength={500}
              size={50}
              required
              aria-label="Why the policy changes"
              aria-invalid={problems.note ? true : undefined}
              aria-describedby="what-if-note-hint"
            />
            <span className="field-hint" id="what-if-note-hint">
              required; recorded in the audit log with the change
            </span>
          </div>
          <div className="field">
            <span>&nbsp;</span>
            <button type="button" onClick={save} disabled={pending}>
              Save policies
            </button>
          </div>
        </div>
      )}
      {saved && (
        <p className="form-saved" role="status" data-testid="policies-saved">
          {saved}
        </p>
      )}
      {result && (
        <div data-testid="what-if-diff">
          <h3>The schedule now and with the change</h3>
          <div className="timeline" data-testid="what-if-picture" dangerouslySetInnerHTML={{ __html: picture ?? '' }} />
          <DiffTable diff={result.diff} />
        </div>
      )}
    </div>
  );
}
