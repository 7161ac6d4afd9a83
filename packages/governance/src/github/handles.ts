/** A GitHub login or an org/team ("containerd/committers"): how owners, shepherds and liaisons are named. */
export const GITHUB_HANDLE = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[\w.-]+)?$/;
