import { RATINGS, type Rating } from '../../shared/protocol/evaluation.ts';

/**
 * The team's rating of an objective from its raters' ratings: the median on the scale P < S < M < U. With an
 * even number of raters the more severe of the two middle ratings counts, so a split team reports the
 * challenge rather than hides it. Null while nobody rated.
 */
export function consensusRating(ratings: readonly Rating[]): Rating | null {
  if (ratings.length === 0) return null;
  const sorted = [...ratings].sort((a, b) => RATINGS.indexOf(a) - RATINGS.indexOf(b));
  return sorted[Math.floor(sorted.length / 2)]!;
}
