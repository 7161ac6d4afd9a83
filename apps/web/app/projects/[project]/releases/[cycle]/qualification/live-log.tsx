'use client';

import { useEffect, useLayoutEffect, useRef, useState } from 'react';

interface LogState {
  status: string;
  currentStep: string | null;
  steps: { name: string; status: string }[];
  log: string;
  logTruncated: boolean;
  reason: string | null;
}

const TRUNCATED = '(the start of the log was dropped: it keeps the last 256 KiB)';

/**
 * A log that follows its tail: while the reader is at the bottom, new output scrolls into view;
 * scrolling up to read stops following until they scroll back down.
 */
function LogText({ text, testId }: { text: string; testId?: string }) {
  const pre = useRef<HTMLPreElement>(null);
  const following = useRef(true);
  useLayoutEffect(() => {
    const toTail = () => {
      if (following.current && pre.current) pre.current.scrollTop = pre.current.scrollHeight;
    };
    toTail();
    // Once more after the surrounding layout settles (a table row can reflow the wrapped lines).
    const frame = requestAnimationFrame(toTail);
    return () => cancelAnimationFrame(frame);
  }, [text]);
  return (
    <pre
      ref={pre}
      className="code"
      data-testid={testId}
      style={{ maxHeight: '24rem', overflowY: 'auto', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
      onScroll={(event) => {
        const box = event.currentTarget;
        following.current = box.scrollHeight - box.scrollTop - box.clientHeight < 24;
      }}
    >
      {text}
    </pre>
  );
}

/** Follows a running qualification: its steps and log, refreshed every second; when it ends, the page shows the finished run with this log open. */
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
          window.location.replace(`${window.location.pathname}?log=${id}#run-${id}`);
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
      {state.logTruncated && <p className="muted">{TRUNCATED}</p>}
      {state.log ? <LogText text={state.log} /> : <p className="muted">No output yet{state.status === 'QUEUED' ? ': waiting for the qualification worker' : ''}.</p>}
    </div>
  );
}

/** A finished run's log, loaded when its row's "log" is opened. */
export function RunLog({ id, open }: { id: number; open: boolean }) {
  const [log, setLog] = useState<{ text: string; truncated: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    if (log) return;
    const response = await fetch(`/api/qualifications/${id}/log`, { cache: 'no-store' });
    if (!response.ok) {
      setError(`The log could not be loaded (HTTP ${response.status}).`);
      return;
    }
    const body = (await response.json()) as LogState;
    setLog({ text: body.log || '(empty)', truncated: body.logTruncated });
  };
  useEffect(() => {
    if (open) void load();
  }, [open]);
  return (
    <details open={open} onToggle={(event) => event.currentTarget.open && void load()} data-testid="run-log">
      <summary>log</summary>
      {error && <p className="note">{error}</p>}
      {log?.truncated && <p className="muted">{TRUNCATED}</p>}
      {log ? <LogText text={log.text} /> : !error && <p className="muted">Loading…</p>}
    </details>
  );
}
