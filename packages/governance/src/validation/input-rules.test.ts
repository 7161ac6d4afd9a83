import { describe, expect, it } from 'vitest';
import { assertCleanInput, assertSaneYear, findInputProblem, findUrlProblem, parseId } from './input-rules';

describe('input rules every boundary applies', () => {
  it('finds NUL and lone surrogates anywhere, naming the path; pairs (emoji) are fine', () => {
    expect(findInputProblem({ note: 'ok 🚀', owners: ['a', 'b'] })).toBeNull();
    expect(findInputProblem({ note: 'a\u0000b' })).toEqual({ path: 'note', problem: 'contains the NUL character (U+0000), which cannot be stored' });
    expect(findInputProblem({ milestones: { GA: { planned: { date: '\ud800' } } } })).toMatchObject({ path: 'milestones.GA.planned.date', problem: expect.stringContaining('lone UTF-16 surrogate') });
    expect(findInputProblem({ owners: ['ok', 'x\udc00'] })).toMatchObject({ path: 'owners.1' });
    expect(findInputProblem({ ['k\u0000']: 1 })).toMatchObject({ path: '"k\\u0000"' });
    expect(findInputProblem('\u0000')).toMatchObject({ path: 'body' });
    expect(findInputProblem('x', { root: 'id' })).toBeNull();
    expect(() => assertCleanInput({ note: '\u0000' })).toThrow(expect.objectContaining({ code: 'invalid_argument', details: { field: 'note' } }));
  });

  it('finds bad text and broken encodings in URLs', () => {
    expect(findUrlProblem(new URL('http://x/projects/containerd/keps?sig=node&idleDays=3'))).toBeNull();
    expect(findUrlProblem(new URL('http://x/projects/conta%00inerd/releases'))).toMatchObject({ path: 'path', problem: expect.stringContaining('NUL') });
    expect(findUrlProblem(new URL('http://x/projects/%ED%A0%80/releases'))).toEqual({ path: 'path', problem: '"%ED%A0%80" is not valid percent-encoded UTF-8' });
    expect(findUrlProblem(new URL('http://x/projects/containerd/keps?sig=%00'))).toMatchObject({ path: 'sig' });
  });

  it('refuses hostile nesting without recursing', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findInputProblem(deep, { maxDepth: 64 })).toEqual({ path: 'body', problem: 'is nested more than 64 levels deep' });
  });

  it('ids fit the integer column; the error names the parameter', () => {
    expect(parseId('42', 'id')).toBe(42);
    expect(() => parseId('99999999999', 'id')).toThrow('id: 99999999999 is out of range (ids run from 1 to 2147483647)');
    expect(() => parseId('-1', 'id')).toThrow('id: "-1" is not an id');
    expect(() => parseId('0', 'before')).toThrow('before: 0 is out of range');
    expect(() => parseId('1e3', 'id')).toThrow('id: "1e3" is not an id');
  });

  it('dates people type stay in years people plan in', () => {
    expect(() => assertSaneYear('endOfLife.date', '2028-04-30')).not.toThrow();
    for (const date of ['0000-01-01', '0001-05-01', '1000-01', '9999-12-31']) {
      expect(() => assertSaneYear('endOfLife.date', date)).toThrow(`endOfLife.date: ${date} is outside the years 2000–2199`);
    }
  });
});
