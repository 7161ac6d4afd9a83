'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** The project's sub-menu; the entry for the page you are on is marked (aria-current) for everyone. */
export function ProjectNav({ slug, name }: { slug: string; name: string }) {
  const pathname = usePathname();
  const base = `/projects/${encodeURIComponent(slug)}`;
  const entries: { label: string; href: string; current: boolean }[] = [
    { label: 'Releases', href: `${base}/releases`, current: pathname.startsWith(`${base}/releases`) },
    { label: 'Plan', href: `${base}/plan`, current: pathname.startsWith(`${base}/plan`) },
    {
      label: 'KEPs',
      href: `${base}/keps`,
      current: pathname.startsWith(`${base}/keps`) && !pathname.startsWith(`${base}/keps/liaison`) && !pathname.startsWith(`${base}/keps/queue`),
    },
    { label: 'Shepherd queue', href: `${base}/keps/queue`, current: pathname.startsWith(`${base}/keps/queue`) },
    { label: 'Liaison board', href: `${base}/keps/liaison`, current: pathname.startsWith(`${base}/keps/liaison`) },
    { label: 'End of life', href: `${base}/eol`, current: pathname.startsWith(`${base}/eol`) },
    { label: 'Sync', href: `/sync#sync-${slug}`, current: false },
  ];
  return (
    <nav className="project-nav" aria-label={`${name} pages`} data-testid="project-nav">
      <Link href={`${base}/releases`} className="project-name">
        {name}
      </Link>
      <ul>
        {entries.map((entry) => (
          <li key={entry.label}>
            <Link href={entry.href} aria-current={entry.current ? 'page' : undefined}>
              {entry.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
