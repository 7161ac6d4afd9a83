export { runScheduledJob, listJobRuns, workerName, HANDED_BACK, type JobOutcome, type ScheduledRun } from './run-scheduled-job';
export { groupJobRuns, type JobRunGroup } from './group-job-runs';
