export { runMutation, writeAuditEvent, type MutationSpec, type MutationOutcome } from './run-mutation';
export { listAuditEvents, type AuditFilter, type AuditEventView } from './list-audit-events';
export { describeChange, type ChangeLine } from './describe-change';
