'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { ReleasePolicy } from '@shepherd/governance/cadence/policy-rules';
import type { WhatIfResult } from '@shepherd/governance/cadence/what-if-schedule';

/** Edits the policies as JSON and shows the schedule they would give, before anything is saved. */
export function WhatIfForm({ project, policies, canSave }: { project: string; policies: ReleasePolicy[]; canSave: boolean }) {
  const router = useRouter();
  const [text, setText] = useState(JSON.stringify(policies, null, 2));
  const [note, setNote] = useState('');
  const [result, setResult] = useState<WhatIfResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function send(path: string, method: 'POST' | 'PUT', extra: object = {}) {
    setError(null);
    setSaved(null);
    let policiesJson: unknown;
    try {
      policiesJson = JSON.parse(text);
    } catch (parseError) {
      setError(`Not valid JSON: ${(parseError as Error).message}`);
      return null;
    }
    const response = await fetch(`/api/projects/${project}/${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ policies: policiesJson, ...extra }) });
    const json = await response.json();
    if (!response.ok) {
      setResult(null);
      setError(json.error?.message ?? `HTTP ${response.status}`);
      return null;
    }
    return json;
  }

  async function preview() {
    const json = await send('what-if', 'POST');
    if (json) setResult(json);
  }

  async function save() {
    const json = await send('policies', 'PUT', { note: note || null });
    if (!json) return;
    setResult(json.preview);
    const parts = [['created', json.created], ['updated', json.updated], ['removed', json.removed]]
      .filter(([, versions]) => versions.length)
      .map(([verb, versions]) => `${verb} ${versions.map((v: number) => `v${v}`).join(', ')}`);
    setSaved(`Saved the policies (${parts.join('; ')}); recorded in the audit log.`);
    router.refresh();
  }

  return (
    <div className="card" data-testid="what-if">
      <textarea aria-label="Candidate policies (JSON)" value={text} onChange={(event) => setText(event.target.value)} rows={12} className="code" spellCheck={false} />
      <p>
        <button type="button" onClick={preview}>
          Preview schedule
        </button>{' '}
        <span className="muted">Nothing is saved.</span>
      </p>
      {canSave && (
        <p>
          <label>
            Why (recorded in the audit log) <input value={note} onChange={(event) => setNote(event.target.value)} maxLength={500} size={50} aria-label="Why the policy changes" />
          </label>{' '}
          <button type="button" onClick={save}>
            Save policies
          </button>{' '}
          <span className="muted">Policies in force are history: add a new version that takes effect today or later.</span>
        </p>
      )}
      {saved && (
        <p className="muted" role="status" data-testid="policies-saved">
          {saved}
        </p>
      )}
      {error && (
        <p className="note" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div data-testid="what-if-diff">
          {result.diff.length === 0 ? (
            <p>The schedule would not change.</p>
          ) : (
            <ul className="plain">
              {result.diff.map((release) => (
                <li key={release.cycle}>
                  <strong>{release.cycle}</strong> {release.change}
                  {release.fields.map((field) => (
                    <div key={field.field} className="muted">
                      {field.field}: {String(field.before)} → {String(field.after)}
                    </div>
                  ))}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
