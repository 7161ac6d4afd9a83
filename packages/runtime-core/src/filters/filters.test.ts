import { describe, expect, it } from 'vitest';
import { adaptObject, parse, parseAll } from './filters.js';
import { isInvalidArgument } from '../errdefs/errdefs.js';

const img = adaptObject({ name: 'docker.io/library/hello:1', labels: { 'io.shepherd.tier': 'gold', empty: '' }, size: 12 });

describe('filters', () => {
  it('matches equality, inequality, regex and presence', () => {
    expect(parse('name==docker.io/library/hello:1').match(img)).toBe(true);
    expect(parse('name!=x').match(img)).toBe(true);
    expect(parse('name~=hello:[0-9]$').match(img)).toBe(true);
    expect(parse('labels."io.shepherd.tier"==gold').match(img)).toBe(true);
    expect(parse('labels."io.shepherd.tier"').match(img)).toBe(true);
    expect(parse('labels.missing').match(img)).toBe(false);
    expect(parse('size==12').match(img)).toBe(true);
  });

  it('ANDs clauses and ORs filter strings', () => {
    expect(parse('name~=hello, labels."io.shepherd.tier"==silver').match(img)).toBe(false);
    expect(parseAll(['name==nope', 'size==12']).match(img)).toBe(true);
    expect(parseAll([]).match(img)).toBe(true);
  });

  it('rejects malformed filters with the column', () => {
    expect(() => parse('name==a,')).toThrow(/column 9/);
    expect(() => parse('name~=(')).toThrow(/invalid regular expression/);
    try {
      parse('labels."x');
    } catch (err) {
      expect(isInvalidArgument(err)).toBe(true);
    }
  });
});
