'use client';

import { useState } from 'react';
import type { ReleasePolicy } from '@shepherd/governance/cadence/policy-rules';
import type { WhatIfResult } from '@shepherd/governance/cadence/what-if-schedule';

/** Edits the policies as JSON and shows the schedule they would give, before anything is saved. */
export function WhatIfForm({ project, policies }: { project: string; policies: ReleasePolicy[] }) {
  const [text, setText] = useState(JSON.stringify(policies, null, 2));
  const [result, setResult] = useState<WhatIfResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function preview() {
    setError(null);
    let body: unknown;
    try {
      body = { policies: JSON.parse(text) };
    } catch (parseError) {
      setError(`Not valid JSON: ${(parseError as Error).message}`);
      return;
    }
    const response = await fetch(`/api/projects/${project}/what-if`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const json = await response.json();
    if (!response.ok) {
      setResult(null);
      setError(json.error?.message ?? `HTTP ${response.status}`);
    } else setResult(json);
  }

  return (
    <div className="card">
      <textarea aria-label="Candidate policies (JSON)" value={text} onChange={(event) => setText(event.target.value)} rows={12} className="code" spellCheck={false} />
      <p>
        <button type="button" onClick={preview}>
          Preview schedule
        </button>{' '}
        <span className="muted">Nothing is saved.</span>
      </p>
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
