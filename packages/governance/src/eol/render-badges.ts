import { makeBadge } from 'badge-maker';
import { lastDayOf, shortDate } from './dates';
import type { EolSnapshot } from './load-eol-snapshot';

// Status badges, as shields.io's endpoint JSON and as SVG drawn by badge-maker (shields' own
// renderer): one per cycle ("containerd 2.2 | EOL 2026-11-06", coloured by state) and one for the
// supported releases of a project.

export const EOL_WARNING_BADGE_DAYS = 90;
export const BADGE_STYLES = ['flat', 'flat-square', 'plastic', 'for-the-badge'] as const;
export type BadgeStyle = (typeof BADGE_STYLES)[number];

export interface BadgeContent {
  label: string;
  message: string;
  color: string;
}

export function cycleBadge(snapshot: EolSnapshot, name: string): BadgeContent | null {
  const cycle = snapshot.cycles.find((candidate) => candidate.name === name);
  if (!cycle) return null;
  const life = cycle.lifecycle;
  const label = `${snapshot.project.name} ${cycle.name}`;
  if (!life.ga?.happened) {
    return { label, message: life.ga ? `planned ${shortDate(life.ga)}${life.ga.tentative ? ' (tentative)' : ''}` : 'planned', color: 'lightgrey' };
  }
  const eol = life.endOfLife;
  if (life.phase === 'END_OF_LIFE') return { label, message: eol ? `EOL ${shortDate(eol)}` : 'EOL', color: 'red' };
  if (!eol) return { label, message: 'supported', color: 'brightgreen' };
  const message = `EOL ${shortDate(eol)}`;
  if (life.daysUntilEndOfLife !== null && life.daysUntilEndOfLife <= EOL_WARNING_BADGE_DAYS) return { label, message, color: 'orange' };
  if (life.phase === 'EXTENDED') return { label, message, color: 'yellow' };
  return { label, message, color: 'brightgreen' };
}

export function supportedBadge(snapshot: EolSnapshot): BadgeContent {
  const supported = snapshot.cycles.filter((cycle) => cycle.lifecycle.isMaintained);
  return {
    label: `${snapshot.project.name} supported`,
    message: supported.length
      ? supported.map((cycle) => `${cycle.name}${cycle.lifecycle.isLts ? ' LTS' : ''}${cycle.lifecycle.endOfLife ? ` (to ${lastDayOf(cycle.lifecycle.endOfLife)})` : ''}`).join(' · ')
      : 'none',
    color: supported.length ? 'brightgreen' : 'red',
  };
}

/** What a badge says for a project or cycle Shepherd does not know. */
export const unknownBadge = (label: string): BadgeContent => ({ label, message: 'unknown', color: 'lightgrey' });

/** shields.io endpoint badge JSON (https://shields.io/badges/endpoint-badge). */
export const shieldsEndpoint = (badge: BadgeContent, cacheSeconds: number) => ({ schemaVersion: 1, ...badge, cacheSeconds });

export const badgeSvg = (badge: BadgeContent, style: BadgeStyle = 'flat') => makeBadge({ ...badge, style });
