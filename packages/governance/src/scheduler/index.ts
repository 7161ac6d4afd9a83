export { runScheduledJob, listJobRuns, workerName, type JobOutcome, type ScheduledRun } from './run-scheduled-job';
export { groupJobRuns, type JobRunGroup } from './group-job-runs';
