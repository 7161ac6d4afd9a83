// The fields of GitHub's REST and webhook objects that the mirror keeps. List responses and webhook
// payloads share these shapes (GitHub's OpenAPI schemas `issue`, `milestone`, `label`, `release`, `tag`).

export interface GhUser { login: string }
export interface GhLabel { name: string; color: string; description?: string | null }
export interface GhMilestone {
  number: number;
  title: string;
  state: string;
  description?: string | null;
  due_on?: string | null;
  closed_at?: string | null;
  open_issues?: number;
  closed_issues?: number;
  updated_at: string;
}
export interface GhIssue {
  number: number;
  title: string;
  body?: string | null;
  state: string;
  state_reason?: string | null;
  draft?: boolean;
  user?: GhUser | null;
  assignees?: GhUser[] | null;
  labels?: (GhLabel | string)[];
  milestone?: { number: number; title?: string } | null;
  comments?: number;
  created_at: string;
  updated_at: string;
  closed_at?: string | null;
  /** Present on pull requests in the issues list. */
  pull_request?: { merged_at?: string | null } | null;
  /** Present on pull_request webhook payloads. */
  merged_at?: string | null;
  head?: { ref: string };
  base?: { ref: string };
}
/** Issues-API items carry `pull_request`; pull_request webhook payloads carry `head`. */
export const isPullRequest = (issue: GhIssue): boolean => Boolean(issue.pull_request) || issue.head !== undefined;

export interface GhRelease { id: number; tag_name: string; name?: string | null; draft: boolean; prerelease: boolean; created_at: string; published_at?: string | null }
export interface GhTag { name: string; commit: { sha: string } }
export interface GhContentFile { type: string; content?: string; encoding?: string; path: string }
