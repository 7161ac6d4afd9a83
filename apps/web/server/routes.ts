import fs from 'node:fs';
import path from 'node:path';

// Names requests by the route that serves them (/projects/[project]/eol), for metrics labels and for
// choosing which pages the page cache may keep: the patterns and their regular expressions come from
// the build's routes manifest, so they always match the pages that exist. Without a build (dev) every
// page is "(dev)". Never a raw URL: labels must stay few.

interface ManifestRoute {
  page: string;
  regex: string;
}

export interface RouteNames {
  /** The route pattern of a path (no query), "/_next/static" for assets, "(unmatched)" otherwise. */
  of(pathname: string): string;
}

export function loadRouteNames(webDir: string, dev: boolean): RouteNames {
  const manifestFile = path.join(webDir, '.next', 'routes-manifest.json');
  if (dev || !fs.existsSync(manifestFile)) return { of: (pathname) => (pathname.startsWith('/_next/') ? '/_next' : '(dev)') };
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { staticRoutes: ManifestRoute[]; dynamicRoutes: ManifestRoute[] };
  const statics = new Map(manifest.staticRoutes.map((route) => [route.page, route.page]));
  const dynamics = manifest.dynamicRoutes.map((route) => ({ page: route.page, regex: new RegExp(route.regex) }));
  const memo = new Map<string, string>();
  return {
    of(pathname) {
      if (pathname.startsWith('/_next/static/')) return '/_next/static';
      if (pathname.startsWith('/_next/')) return '/_next';
      const known = memo.get(pathname);
      if (known) return known;
      const trimmed = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
      const name = statics.get(trimmed) ?? dynamics.find((route) => route.regex.test(pathname))?.page ?? '(unmatched)';
      // Bounded: distinct paths are unbounded, the memo is only a shortcut.
      if (memo.size >= 10_000) memo.clear();
      memo.set(pathname, name);
      return name;
    },
  };
}
