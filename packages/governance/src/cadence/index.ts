// Public API of the pure release-cadence engine: no I/O, every input (including today) injected.
export * from './dates';
export * from './parse-versions';
export * from './policy-rules';
export * from './policy-in-force';
export * from './compute-support';
export * from './generate-schedule';
export * from './what-if-schedule';
export * from './check-plan-rules';
export * from './report-adherence';
export * from './check-upgrade-path';
export * from './query-kubernetes-matrix';
export * from './check-deprecations';
export * from './render-releases-table';
export { derivePhase, type PhaseDates } from './derive-phase';
