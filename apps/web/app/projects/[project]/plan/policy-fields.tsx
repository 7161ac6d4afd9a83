'use client';

import type { ReleasePolicy } from '@shepherd/governance/cadence/policy-rules';

// The common rules of a release policy as a form (the what-if editor's default view): cadence
// months, beta and RC windows, regular support, LTS rules. Everything else stays as it was (the
// JSON view edits all of it).

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Form field name → the policy path its server errors name (after "policies.N."). */
export const POLICY_FIELDS: Record<string, { label: string; paths: string[] }> = {
  name: { label: 'Name', paths: ['name'] },
  effectiveFrom: { label: 'Takes effect on', paths: ['effectiveFrom'] },
  firstCycle: { label: 'First release it governs', paths: ['firstCycle'] },
  cadence: { label: 'Release months', paths: ['rules.cadence'] },
  beta: { label: 'Beta starts (weeks before GA)', paths: ['rules.betaLeadWeeks'] },
  rc: { label: 'RC and feature freeze (weeks before GA)', paths: ['rules.rcLeadWeeks'] },
  support: { label: 'Regular support', paths: ['rules.regularSupport'] },
  lts: { label: 'LTS', paths: ['rules.lts'] },
};

export function fieldOfPolicyPath(path: string): string | null {
  const inner = path.replace(/^(body\.)?policies\.\d+\./, '');
  for (const [name, { paths }] of Object.entries(POLICY_FIELDS)) if (paths.some((prefix) => inner === prefix || inner.startsWith(`${prefix}.`))) return name;
  return null;
}

type Props = {
  draft: ReleasePolicy;
  onChange: (next: ReleasePolicy) => void;
  problems: Record<string, string>;
};

const num = (value: string) => (value.trim() === '' ? NaN : Number(value));

function Problem({ name, problems }: { name: string; problems: Record<string, string> }) {
  if (!problems[name]) return null;
  return (
    <span className="field-problem" id={`policy-${name}-problem`}>
      {problems[name]}
    </span>
  );
}

const marks = (name: string, problems: Record<string, string>) =>
  problems[name] ? { 'aria-invalid': true as const, 'aria-describedby': `policy-${name}-problem` } : {};

export function PolicyFields({ draft, onChange, problems }: Props) {
  const rules = draft.rules;
  const set = (patch: Partial<ReleasePolicy>) => onChange({ ...draft, ...patch });
  const setRules = (patch: Partial<ReleasePolicy['rules']>) => onChange({ ...draft, rules: { ...rules, ...patch } });
  const support = rules.regularSupport;
  return (
    <div className="policy-fields">
      <div className="fields">
        <div className="field">
          <label htmlFor="policy-name">Name</label>
          <input id="policy-name" value={draft.name} onChange={(event) => set({ name: event.target.value })} size={36} {...marks('name', problems)} />
          <Problem name="name" problems={problems} />
        </div>
        <div className="field">
          <label htmlFor="policy-effectiveFrom">Takes effect on</label>
          <input id="policy-effectiveFrom" type="date" value={draft.effectiveFrom} onChange={(event) => set({ effectiveFrom: event.target.value })} {...marks('effectiveFrom', problems)} />
          <span className="field-hint">today or later</span>
          <Problem name="effectiveFrom" problems={problems} />
        </div>
        <div className="field">
          <label htmlFor="policy-firstCycle">First release it governs</label>
          <input id="policy-firstCycle" value={draft.firstCycle ?? ''} placeholder="any" onChange={(event) => set({ firstCycle: event.target.value.trim() || null })} size={6} {...marks('firstCycle', problems)} />
          <span className="field-hint">e.g. 2.6; empty: whichever comes</span>
          <Problem name="firstCycle" problems={problems} />
        </div>
      </div>
      <fieldset {...marks('cadence', problems)}>
        <legend>Release months</legend>
        <div className="months">
          {MONTHS.map((label, index) => {
            const month = index + 1;
            const on = rules.cadence.months.includes(month);
            return (
              <label key={label} className="check">
                <input
                  type="checkbox"
                  checked={on}
                  onChange={() => setRules({ cadence: { months: (on ? rules.cadence.months.filter((m) => m !== month) : [...rules.cadence.months, month]).sort((a, b) => a - b) } })}
                />{' '}
                {label}
              </label>
            );
          })}
        </div>
        <span className="field-hint">GA falls on the last Wednesday of each month chosen.</span>
        <Problem name="cadence" problems={problems} />
      </fieldset>
      <div className="fields">
        {(
          [
            ['beta', 'Beta starts', 'betaLeadWeeks'],
            ['rc', 'RC and feature freeze', 'rcLeadWeeks'],
          ] as const
        ).map(([name, label, key]) => (
          <fieldset key={name} {...marks(name, problems)}>
            <legend>{label}</legend>
            <div className="fields">
              <div className="field">
                <label htmlFor={`policy-${name}-min`}>at least (weeks before GA)</label>
                <input id={`policy-${name}-min`} type="number" min={0} value={Number.isNaN(rules[key].min) ? '' : rules[key].min} onChange={(event) => setRules({ [key]: { ...rules[key], min: num(event.target.value) } })} />
              </div>
              <div className="field">
                <label htmlFor={`policy-${name}-max`}>at most</label>
                <input id={`policy-${name}-max`} type="number" min={0} value={Number.isNaN(rules[key].max) ? '' : rules[key].max} onChange={(event) => setRules({ [key]: { ...rules[key], max: num(event.target.value) } })} />
              </div>
            </div>
            <Problem name={name} problems={problems} />
          </fieldset>
        ))}
      </div>
      <fieldset {...marks('support', problems)}>
        <legend>Regular support</legend>
        <div className="fields">
          <div className="field">
            <label htmlFor="policy-support-kind">Rule</label>
            <select
              id="policy-support-kind"
              value={support.kind}
              onChange={(event) =>
                setRules({
                  regularSupport:
                    event.target.value === 'months-after-ga'
                      ? { kind: 'months-after-ga', months: support.kind === 'months-after-ga' ? support.months : support.monthsAfterGa }
                      : { kind: 'longer-of', monthsAfterGa: support.kind === 'longer-of' ? support.monthsAfterGa : support.months, monthsAfterNextMinor: support.kind === 'longer-of' ? support.monthsAfterNextMinor : 6 },
                })
              }
            >
              <option value="months-after-ga">months after GA</option>
              <option value="longer-of">the longer of: months after GA, months after the next minor</option>
            </select>
          </div>
          {support.kind === 'months-after-ga' ? (
            <div className="field">
              <label htmlFor="policy-support-months">Months after GA</label>
              <input id="policy-support-months" type="number" min={0} value={Number.isNaN(support.months) ? '' : support.months} onChange={(event) => setRules({ regularSupport: { ...support, months: num(event.target.value) } })} />
            </div>
          ) : (
            <>
              <div className="field">
                <label htmlFor="policy-support-ga">Months after GA</label>
                <input id="policy-support-ga" type="number" min={0} value={Number.isNaN(support.monthsAfterGa) ? '' : support.monthsAfterGa} onChange={(event) => setRules({ regularSupport: { ...support, monthsAfterGa: num(event.target.value) } })} />
              </div>
              <div className="field">
                <label htmlFor="policy-support-next">Months after the next minor</label>
                <input id="policy-support-next" type="number" min={0} value={Number.isNaN(support.monthsAfterNextMinor) ? '' : support.monthsAfterNextMinor} onChange={(event) => setRules({ regularSupport: { ...support, monthsAfterNextMinor: num(event.target.value) } })} />
              </div>
            </>
          )}
        </div>
        <Problem name="support" problems={problems} />
      </fieldset>
      <fieldset {...marks('lts', problems)}>
        <legend>LTS</legend>
        <div className="fields">
          <div className="field">
            <label htmlFor="policy-lts-designation">Which releases</label>
            <select id="policy-lts-designation" value={rules.lts.designation} onChange={(event) => setRules({ lts: { ...rules.lts, designation: event.target.value as 'any' | 'one-per-year' } })}>
              <option value="any">any release may become LTS</option>
              <option value="one-per-year">one per year</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="policy-lts-month">LTS release month</label>
            <select id="policy-lts-month" value={rules.lts.gaMonth ?? ''} onChange={(event) => setRules({ lts: { ...rules.lts, gaMonth: event.target.value ? Number(event.target.value) : null } })}>
              <option value="">none</option>
              {MONTHS.map((label, index) => (
                <option key={label} value={index + 1}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="policy-lts-owners">Owners needed</label>
            <input id="policy-lts-owners" type="number" min={0} value={Number.isNaN(rules.lts.minOwners) ? '' : rules.lts.minOwners} onChange={(event) => setRules({ lts: { ...rules.lts, minOwners: num(event.target.value) } })} />
          </div>
          <div className="field">
            <label htmlFor="policy-lts-support">Support (months after GA)</label>
            <input id="policy-lts-support" type="number" min={0} value={Number.isNaN(rules.lts.minSupportMonths) ? '' : rules.lts.minSupportMonths} onChange={(event) => setRules({ lts: { ...rules.lts, minSupportMonths: num(event.target.value) } })} />
          </div>
          <div className="field">
            <label htmlFor="policy-lts-ownerless">Without owners: extended support (months)</label>
            <input
              id="policy-lts-ownerless"
              type="number"
              min={0}
              placeholder="not defined"
              value={rules.lts.extendedSupportMonthsWithoutOwners ?? ''}
              onChange={(event) => setRules({ lts: { ...rules.lts, extendedSupportMonthsWithoutOwners: event.target.value === '' ? null : num(event.target.value) } })}
            />
          </div>
        </div>
        <Problem name="lts" problems={problems} />
      </fieldset>
    </div>
  );
}
