export { runScheduledJob, listJobRuns, workerName, type JobOutcome, type ScheduledRun } from './run-scheduled-job';
