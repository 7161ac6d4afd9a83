export { requestQualification, qualifyNow, newestKnownRc, requestDueQualifications, failStaleQualifications, type QualificationTrigger, type SourceRef } from './request-qualification';
export { runQualification, describeSource, DEFAULT_TIMEOUTS_MS, type QualificationOptions, type StepName } from './run-qualification';
export { getGaGate, assertGaAllowed, overrideGaGate, getGaGateScope, setGaGateScope, MIN_OVERRIDE_REASON, type GaGate, type GateState } from './ga-gate';
export { compareToBaseline, median, spread, REGRESSION_THRESHOLD } from './regression';
export { getQualifications, getQualificationLog, renderTrendSvg, type QualificationView } from './get-qualifications';
export { listKnownRcs, byNewestRc } from './release-candidates';
export { resolveRef, describeWorkingTree, RUNTIME_CORE_DIR, type SourceProvenance } from './source-tree';
export { startQualificationWorker, claimNextQualification, handBackQualification, type WorkerOptions, type StopWorkerOptions } from './qualification-worker';
