import type { GateState } from '@shepherd/governance/qualification/index';

const STYLE: Record<GateState, [string, string]> = {
  green: ['phase-ACTIVE', 'RC green'],
  red: ['phase-ERROR', 'GA blocked'],
  pending: ['phase-BETA', 'RC qualifying'],
  overridden: ['phase-EXTENDED', 'GA gate overridden'],
  none: ['phase-ERROR', 'no RC qualified'],
  released: ['phase-END_OF_LIFE', 'GA, not qualified'],
  exempt: ['phase-END_OF_LIFE', 'gate not applied'],
};

export function GateBadge({ state }: { state: GateState }) {
  const [className, label] = STYLE[state];
  return <span className={`badge ${className}`}>{label}</span>;
}
