import { invalidArgument } from '../errors';

/** A GitHub login or an org/team ("containerd/committers"): how owners, shepherds and liaisons are named. */
export const GITHUB_HANDLE = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[\w.-]+)?$/;

/** A GitHub repository's full name, owner/name. */
export const GITHUB_REPOSITORY = /^[\w.-]+\/[\w.-]+$/;

/** Handles as people type them (an optional @, blanks ignored); throws naming the first that is not one. */
export function cleanHandles(field: string, handles: string[]): string[] {
  const cleaned = handles.map((handle) => handle.trim().replace(/^@/, '')).filter(Boolean);
  const bad = cleaned.find((handle) => !GITHUB_HANDLE.test(handle));
  if (bad) throw invalidArgument(`${field}: "${bad}" is not a GitHub login or org/team`, { field });
  return cleaned;
}
