export { parseReleaseSchedule, parseExceptions, type KubernetesReleaseSchedule, type FreezeException } from './parse-release-schedule';
export { importKubernetesSchedule, seedKubernetesSchedule, readScheduleDirectory, type ScheduleImportReport } from './import-kubernetes-schedule';
