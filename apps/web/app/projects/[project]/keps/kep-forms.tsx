'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/authorize';
import { saveKepDecision, saveLiaisons, writeBack, type WriteBackState } from './kep.action';
import styles from './keps.module.css';

// The signed-in forms of the KEP pages. The server decides: a refusal says which role is needed.

function Result({ state, testId }: { state: ActionResult | null; testId: string }) {
  if (!state) return null;
  return (
    <p className={state.ok ? 'muted' : 'note'} role={state.ok ? 'status' : 'alert'} data-testid={testId}>
      {state.message}
    </p>
  );
}

function DecisionForm({ project, kep, decision, title, children }: { project: string; kep: string; decision: string; title: string; children: React.ReactNode }) {
  const [state, action, pending] = useActionState(saveKepDecision, null);
  return (
    <form action={action} className={styles.decision} data-testid={`decide-${decision}`}>
      <h3>{title}</h3>
      <input type="hidden" name="project" value={project} />
      <input type="hidden" name="kep" value={kep} />
      <input type="hidden" name="decision" value={decision} />
      {children}
      <label>
        Why (audit log) <input name="note" maxLength={500} size={24} />
      </label>
      <button type="submit" disabled={pending}>
        Save
      </button>
      <Result state={state} testId={`decide-${decision}-result`} />
    </form>
  );
}

export function KepDecisions(props: {
  project: string;
  kep: string;
  state: string;
  shepherds: string[];
  states: { value: string; label: string }[];
  stages: string[];
  /** Newest first; the form proposes the KEP's runtime target. */
  cycles: string[];
  targetCycle: string | null;
}) {
  const { project, kep } = props;
  return (
    <div className={styles.decisions} data-testid="kep-decisions">
      <DecisionForm project={project} kep={kep} decision="state" title="State">
        <label>
          State{' '}
          <select name="state" defaultValue={props.state}>
            {props.states.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <p className="muted">At risk, deferred and withdrawn stay until changed; the others hand back to the state GitHub implies.</p>
      </DecisionForm>
      <DecisionForm project={project} kep={kep} decision="shipment" title="Shipped in a runtime release">
        {/* Nothing is preselected: claiming a shipment takes two deliberate choices. */}
        <label>
          Stage{' '}
          <select name="stage" defaultValue="" required>
            <option value="" disabled>
              choose a stage
            </option>
            {props.stages.map((stage) => (
              <option key={stage}>{stage}</option>
            ))}
          </select>
        </label>
        <label>
          Release{' '}
          <select name="cycle" defaultValue="" required>
            <option value="" disabled>
              choose a release{props.targetCycle ? ` (target: ${props.targetCycle})` : ''}
            </option>
            {props.cycles.map((cycle) => (
              <option key={cycle}>{cycle}</option>
            ))}
          </select>
        </label>
      </DecisionForm>
      <DecisionForm project={project} kep={kep} decision="shepherds" title="Shepherds">
        <label>
          GitHub logins (one or two) <input name="shepherds" defaultValue={props.shepherds.map((l) => `@${l}`).join(', ')} size={28} />
        </label>
      </DecisionForm>
    </div>
  );
}

export interface WriteBackOffer {
  kind: string;
  label: string;
  pullRequest?: number;
}

type SendAction = (form: FormData) => void;

function WriteBackAction({ project, kep, offer, send, sending }: { project: string; kep: string; offer: WriteBackOffer; send: SendAction; sending: boolean }) {
  const [preview, previewAction, previewing] = useActionState<WriteBackState | null, FormData>(writeBack, null);
  const hidden = (
    <>
      <input type="hidden" name="project" value={project} />
      <input type="hidden" name="kep" value={kep} />
      <input type="hidden" name="kind" value={offer.kind} />
      {offer.pullRequest && <input type="hidden" name="pullRequest" value={offer.pullRequest} />}
    </>
  );
  const plan = preview?.plan;
  return (
    <li data-kind={offer.kind} data-pull-request={offer.pullRequest}>
      <form action={previewAction}>
        {hidden}
        <button type="submit" disabled={previewing}>
          {offer.label}: dry run
        </button>
      </form>
      <Result state={preview} testId="write-back-preview" />
      {plan && (
        <>
          <pre className={styles.raw} data-testid="write-back-request">{`${plan.request.method} ${plan.request.url}\n${JSON.stringify(plan.request.body, null, 2)}`}</pre>
          <form action={send}>
            {hidden}
            <input type="hidden" name="send" value="yes" />
            <input type="hidden" name="expected" value={JSON.stringify(plan.request)} />
            <label>
              Why (audit log) <input name="note" maxLength={500} size={24} />
            </label>{' '}
            <button type="submit" disabled={sending}>
              Send to GitHub
            </button>
          </form>
        </>
      )}
    </li>
  );
}

/**
 * The write-back actions of a KEP. The answer of a send is shown here, above the actions: a send
 * changes which actions apply (an opened issue), and every action starts again from its dry run.
 */
export function WriteBackPanel({ project, kep, offers }: { project: string; kep: string; offers: WriteBackOffer[] }) {
  const [sent, send, sending] = useActionState<(WriteBackState & { sends: number }) | null, FormData>(
    async (previous, form) => ({ ...(await writeBack(previous, form)), sends: (previous?.sends ?? 0) + 1 }),
    null,
  );
  return (
    <div data-testid="write-back">
      <Result state={sent} testId="write-back-result" />
      {sent?.sent?.responseUrl && (
        <p>
          <a href={sent.sent.responseUrl} data-testid="write-back-link">
            {sent.sent.responseUrl}
          </a>
        </p>
      )}
      <ul className={styles.writeBack}>
        {offers.map((offer) => (
          <WriteBackAction key={`${offer.kind}${offer.pullRequest ?? ''}:${sent?.sends ?? 0}`} project={project} kep={kep} offer={offer} send={send} sending={sending} />
        ))}
      </ul>
    </div>
  );
}

export function LiaisonsForm({ project, release, logins }: { project: string; release: string; logins: string[] }) {
  const [state, action, pending] = useActionState(saveLiaisons, null);
  return (
    <form action={action} className={styles.filters} data-testid="set-liaisons">
      <input type="hidden" name="project" value={project} />
      <input type="hidden" name="release" value={release} />
      <label>
        Liaisons of Kubernetes {release} (GitHub logins or org/team)
        <input name="logins" defaultValue={logins.map((l) => `@${l}`).join(', ')} size={40} />
      </label>
      <label>
        Why (audit log) <input name="note" maxLength={500} size={24} />
      </label>
      <button type="submit" disabled={pending}>
        Save liaisons
      </button>
      <Result state={state} testId="set-liaisons-result" />
    </form>
  );
}
