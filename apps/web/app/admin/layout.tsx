import Link from 'next/link';

export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <nav className="subnav muted">
        <Link href="/admin">Account</Link> · <Link href="/admin/roles">Roles</Link> · <Link href="/admin/tokens">API tokens</Link> ·{' '}
        <Link href="/admin/users">Users</Link> · <Link href="/admin/projects">Projects</Link> · <Link href="/admin/audit">Audit log</Link>
      </nav>
      {children}
    </>
  );
}
