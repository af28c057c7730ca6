import { describe, expect, it } from 'vitest';
import type { Rating } from '../../../shared/protocol/evaluation.ts';
import { consensusRating } from '../../../server/report/consensusRating.ts';

describe('consensusRating', () => {
  it.each<[Rating[], Rating | null]>([
    [[], null],
    [['M'], 'M'],
    [['P', 'S', 'U'], 'S'], // the median
    [['U', 'P', 'P'], 'P'], // order does not matter
    [['P', 'M'], 'M'], // even: the more severe middle one
    [['P', 'S', 'M', 'U'], 'M'],
    [['S', 'S', 'P', 'P'], 'S'],
  ])('%j → %s', (ratings, expected) => {
    expect(consensusRating(ratings)).toBe(expected);
  });
});
