'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { GaPreview } from '@shepherd/governance/planning/record-ga';
import { previewGaAction, recordGaAction, undoGaAction, type GaActionResult } from './qualification.actions';

interface Props {
  project: string;
  cycle: string;
  today: string;
  /** The day GA happened, when it is recorded. */
  gaDay: string | null;
  gaDayText: string | null;
  /** What "Undo GA" puts back as the planned GA. */
  undoRestores: string | null;
  /** The x.y.0 tag, when one was imported: a later tags import would record GA from it again. */
  gaTag: string | null;
  gateOpen: boolean;
}

/**
 * "Record GA" and "Undo GA": each is reviewed before it is done. Record GA first asks the server
 * what would change publicly and shows it; only "Record GA" under that list writes. The result
 * stays on screen after the page refreshes to its new state.
 */
export function GaControls({ project, cycle, today, gaDay, gaDayText, undoRestores, gaTag, gateOpen }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<GaActionResult | null>(null);
  const [preview, setPreview] = useState<GaPreview | null>(null);
  const [confirmUndo, setConfirmUndo] = useState(false);
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');

  const run = (action: () => Promise<GaActionResult>, after: (outcome: GaActionResult) => void) =>
    startTransition(async () => {
      const outcome = await action();
      setResult(outcome);
      after(outcome);
    });

  const message = result && (
    <p className={result.ok ? 'muted' : 'note'} role={result.ok ? 'status' : 'alert'} data-testid="ga-result">
      {result.message}
    </p>
  );

  if (gaDay) {
    return (
      <div className="card form" data-testid="undo-ga">
        {message}
        {!confirmUndo ? (
          <>
            <label>
              Why GA is taken back (at least 15 characters, audited; maintainers)
              <br />
              <textarea rows={2} cols={60} value={reason} onChange={(event) => setReason(event.target.value)} aria-label="Why undo GA" style={{ maxWidth: '100%' }} />
            </label>
            <br />
            <button type="button" disabled={pending} onClick={() => setConfirmUndo(true)}>
              Undo GA…
            </button>
          </>
        ) : (
          <section role="alertdialog" aria-labelledby="undo-ga-title" data-testid="undo-ga-confirm">
            <h3 id="undo-ga-title">
              Undo the GA of {project} {cycle} ({gaDayText})?
            </h3>
            <ul>
              <li>
                {cycle} leaves the endoflife.date API (/api/v1/products/{project}) and the upcoming end-of-life feed; releases/latest goes back to the newest other release.
              </li>
              <li>
                The release table, the EOL page, badges, calendars and Shepherd&apos;s API show {cycle} as not released, with its GA planned for {undoRestores}.
              </li>
              {gaTag && <li>Its tag {gaTag} stays: a later tags import records GA from it again while the gate is open.</li>}
              <li>Your reason is recorded in the audit log.</li>
            </ul>
            <button
              type="button"
              disabled={pending}
              onClick={() =>
                run(
                  () => undoGaAction({ project, cycle, reason }),
                  (outcome) => {
                    setConfirmUndo(false);
                    if (outcome.ok) {
                      setReason('');
                      router.refresh();
                    }
                  },
                )
              }
            >
              Undo GA
            </button>{' '}
            <button type="button" className="secondary" disabled={pending} onClick={() => setConfirmUndo(false)}>
              Cancel
            </button>
          </section>
        )}
      </div>
    );
  }

  return (
    <div className="card form" data-testid="record-ga">
      {message}
      {!preview ? (
        <>
          {!gateOpen && <p className="muted">The gate is closed: GA can be recorded once the latest RC is green or a maintainer overrides the gate.</p>}
          <label>
            GA happened on <input type="date" value={date} max={today} onChange={(event) => setDate(event.target.value)} aria-label="GA date" />
          </label>{' '}
          <label>
            Note (audited) <input value={note} maxLength={500} size={30} onChange={(event) => setNote(event.target.value)} aria-label="GA note" />
          </label>{' '}
          <button
            type="button"
            disabled={pending}
            onClick={() =>
              run(
                () => previewGaAction({ project, cycle, date, note }),
                (outcome) => {
                  if (outcome.ok && outcome.preview) {
                    setPreview(outcome.preview);
                    setResult(null);
                  }
                },
              )
            }
          >
            Record GA…
          </button>
        </>
      ) : (
        <section role="alertdialog" aria-labelledby="record-ga-title" data-testid="record-ga-confirm">
          <h3 id="record-ga-title">
            Record {project} {cycle} as GA on {preview.dayText}? This changes what the public sees:
          </h3>
          <ul>
            {preview.changes.map((change) => (
              <li key={change}>{change}</li>
            ))}
          </ul>
          {!preview.gate.open && <p className="note">{preview.gate.message}: recording GA will be refused.</p>}
          <button
            type="button"
            disabled={pending}
            onClick={() =>
              run(
                () => recordGaAction({ project, cycle, date: preview.day, note }),
                (outcome) => {
                  setPreview(null);
                  if (outcome.ok) router.refresh();
                },
              )
            }
          >
            Record GA
          </button>{' '}
          <button type="button" className="secondary" disabled={pending} onClick={() => setPreview(null)}>
            Cancel
          </button>
        </section>
      )}
    </div>
  );
}
