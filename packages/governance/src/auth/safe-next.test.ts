import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

describe('safeNext: only same-origin paths after normalisation', () => {
  it('keeps paths on this site, query and fragment included', () => {
    expect(safeNext('/projects/containerd/plan')).toBe('/projects/containerd/plan');
    expect(safeNext('/admin/audit?actor=lou#top')).toBe('/admin/audit?actor=lou#top');
    expect(safeNext('/a b')).toBe('/a%20b');
  });

  it.each([
    ['//evil.example', 'protocol-relative'],
    ['/\\evil.example', 'a backslash reads as a slash'],
    ['/\t/evil.example', 'a tab is dropped by URL parsing'],
    ['/\n/evil.example', 'so is a newline'],
    ['/\r\n/evil.example', 'and CR LF'],
    ['/./\\/evil.example', 'dot segments'],
    ['/.//evil.example', 'a dot segment that leaves //'],
    ['https://evil.example/', 'absolute'],
    ['javascript:alert(1)', 'another scheme'],
    ['evil.example', 'not a path'],
  ])('refuses %j (%s)', (next) => {
    expect(safeNext(next)).toBe('/admin');
  });

  it('never returns a control character or a non-path', () => {
    expect(safeNext('/x\r\nSet-Cookie: a=b')).toBe('/xSet-Cookie:%20a=b');
    expect(safeNext(['/a', '/b'])).toBe('/admin');
    expect(safeNext(undefined)).toBe('/admin');
  });
});
