export { addProject, parseProjectInput, type AddProjectReport, type ProjectInput } from './add-project';
export { listProjectSummaries } from './list-project-summaries';
export { loadPolicies } from './load-policies';
