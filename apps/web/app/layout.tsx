import type { Metadata } from 'next';
import Link from 'next/link';
import { AccountNav } from './signin/account-nav';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Shepherd', template: '%s · Shepherd' },
  description: 'Release governance and KEP tracking for container-runtime projects',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site">
          <Link href="/" className="brand">
            Shepherd
          </Link>
          <nav>
            <Link href="/projects/containerd/releases">containerd releases</Link>{' '}
            <Link href="/projects/containerd/plan">plan</Link>{' '}
            <Link href="/projects/containerd/eol">end of life</Link>{' '}
            <AccountNav />
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
