'use client';

import { useEffect, useRef, useState } from 'react';

interface Answer {
  allowed: boolean;
  message: string;
  path: string[];
}

/**
 * "Can I upgrade?" answered where it is asked: the form asks the upgrade API and shows the answer
 * under it, without a reload. Without JavaScript it still works: a GET that lands back on this section.
 */
export function UpgradeCheck({ project, cycles, initial }: { project: string; cycles: string[]; initial: { from: string; to: string; answer: Answer | { error: string } | null } }) {
  const [answer, setAnswer] = useState(initial.answer);
  const [pending, setPending] = useState(false);
  const [asked, setAsked] = useState(0);
  const answerRef = useRef<HTMLDivElement>(null);
  // The answer shows under the button: bring it into view once it is there (the button may sit at
  // the bottom edge of the window, a phone's above all).
  useEffect(() => {
    if (asked) answerRef.current?.scrollIntoView({ block: 'nearest' });
  }, [asked]);

  async function check(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Read what the fields hold now (typed before the page was interactive included).
    const data = new FormData(event.currentTarget);
    const [from, to] = [String(data.get('from') ?? '').trim(), String(data.get('to') ?? '').trim()];
    setPending(true);
    try {
      const response = await fetch(`/api/projects/${encodeURIComponent(project)}/upgrade?${new URLSearchParams({ from, to })}`);
      const json = await response.json();
      setAnswer(response.ok ? json : { error: json.error?.message ?? `HTTP ${response.status}` });
      // The address says what was asked, so the answer can be shared or reloaded.
      window.history.replaceState(null, '', `?${new URLSearchParams({ from, to })}#upgrade`);
    } catch (error) {
      setAnswer({ error: `Could not ask: ${(error as Error).message}` });
    } finally {
      setPending(false);
      setAsked((count) => count + 1);
    }
  }

  return (
    <form method="get" action="#upgrade" onSubmit={check} className="card form" data-testid="upgrade-form">
      <div className="fields">
        <div className="field">
          <label htmlFor="upgrade-from">From</label>
          <input id="upgrade-from" name="from" defaultValue={initial.from} list="upgrade-cycles" size={6} required />
        </div>
        <div className="field">
          <label htmlFor="upgrade-to">To</label>
          <input id="upgrade-to" name="to" defaultValue={initial.to} list="upgrade-cycles" size={6} required />
        </div>
        <div className="field">
          <span>&nbsp;</span>
          <button type="submit" disabled={pending}>
            Check
          </button>
        </div>
      </div>
      <datalist id="upgrade-cycles">
        {cycles.map((cycle) => (
          <option key={cycle} value={cycle} />
        ))}
      </datalist>
      <div aria-live="polite" ref={answerRef}>
        {answer && (
          <p data-testid="upgrade-answer" className={'error' in answer ? 'form-problems' : answer.allowed ? 'form-saved' : 'note'}>
            {'error' in answer ? answer.error : answer.message}
          </p>
        )}
      </div>
    </form>
  );
}
