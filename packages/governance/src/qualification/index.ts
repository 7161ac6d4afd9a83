export { requestQualification, qualifyNow, requestDueQualifications, failStaleQualifications, type QualificationTrigger } from './request-qualification';
export { runQualification, DEFAULT_TIMEOUTS_MS, type QualificationOptions, type StepName } from './run-qualification';
export { getGaGate, assertGaAllowed, overrideGaGate, MIN_OVERRIDE_REASON, type GaGate, type GateState } from './ga-gate';
export { compareToBaseline, median, REGRESSION_THRESHOLD } from './regression';
export { getQualifications, getQualificationLog, renderTrendSvg, type QualificationView } from './get-qualifications';
export { startQualificationWorker, type WorkerOptions } from './qualification-worker';
