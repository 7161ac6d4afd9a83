import { describe, expect, it } from 'vitest';
import { parenthetical } from './dates';

describe('parenthetical', () => {
  it('puts every note in one pair of parentheses, flattening notes that carry their own', () => {
    expect(parenthetical(['planned', 'tentative'])).toBe(' (planned, tentative)');
    expect(parenthetical([false, 'tentative', null, undefined])).toBe(' (tentative)');
    expect(parenthetical(['LTS (extended support)'])).toBe(' (LTS, extended support)');
    expect(parenthetical(['planned', 'September 2026'])).toBe(' (planned, September 2026)');
    expect(parenthetical([false, null])).toBe('');
  });
});
