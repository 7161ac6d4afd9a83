'use client';

import { useEffect, useState } from 'react';

interface LogState {
  status: string;
  currentStep: string | null;
  steps: { name: string; status: string }[];
  log: string;
  logTruncated: boolean;
  reason: string | null;
}

/** Follows a running qualification: its steps and log, refreshed every second until it ends. */
export function LiveLog({ id }: { id: number }) {
  const [state, setState] = useState<LogState | null>(null);
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      const response = await fetch(`/api/qualifications/${id}/log`, { cache: 'no-store' });
      if (response.ok) {
        const next = (await response.json()) as LogState;
        setState(next);
        if (next.status === 'PASSED' || next.status === 'FAILED') {
          stopped = true;
          window.location.reload();
          return;
        }
      }
      if (!stopped) setTimeout(poll, 1_000);
    };
    void poll();
    return () => {
      stopped = true;
    };
  }, [id]);
  if (!state) return <p className="muted">Loading the log…</p>;
  return (
    <div data-testid="live-log">
      <p>
        {state.steps.map((step) => `${step.name} ✓`).join(' → ')}
        {state.currentStep ? `${state.steps.length ? ' → ' : ''}${state.currentStep}…` : state.status === 'QUEUED' ? 'queued' : ''}
      </p>
      {state.logTruncated && <p className="muted">(the start of the log was dropped: it keeps the last 256 KiB)</p>}
      <pre className="code" style={{ maxHeight: '24rem', overflowY: 'auto' }}>
        {state.log}
      </pre>
    </div>
  );
}
