// Public EOL surfaces: endoflife.date v1 and Shepherd API shapes, iCalendar, Atom, badges, and the
// cache that serves them without a query per request.
export * from './public-resources';
export { PublicCache, invalidatePublicCaches, DEFAULT_CHECK_INTERVAL_MS, type PublicCacheOptions } from './public-cache';
export { readDataFingerprint } from './data-version';
export { matchesIfNoneMatch, notModifiedSince, errorRepresentation, type Representation } from './representation';
export { loadEolSnapshot, type EolSnapshot } from './load-eol-snapshot';
export { adviseUpgrades, recommendRelease, type EolAdvice, type UpgradeAdvice, type UpcomingRelease } from './advise-upgrades';
export { BADGE_STYLES, type BadgeStyle } from './render-badges';
export { lastDayOf, shortDate } from './dates';
