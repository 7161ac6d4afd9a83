import type { GateState } from '@shepherd/governance/qualification/index';

const STYLE: Record<GateState, [string, string]> = {
  green: ['phase-ACTIVE', 'RC green'],
  red: ['phase-ERROR', 'GA blocked'],
  pending: ['phase-BETA', 'RC qualifying'],
  overridden: ['phase-EXTENDED', 'GA gate overridden'],
  none: ['phase-END_OF_LIFE', 'no RC qualified'],
};

export function GateBadge({ state }: { state: GateState }) {
  const [className, label] = STYLE[state];
  return <span className={`badge ${className}`}>{label}</span>;
}
