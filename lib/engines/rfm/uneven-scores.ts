import type { RfmDimension, Score, ScoreQuintilesResult, ScoreTie, UnevenScores } from './types';

const count = (n: number) => n.toLocaleString('en-US');
const amount = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 2 });

const VALUE_PHRASE: Record<RfmDimension, (v: number) => string> = {
  recency: (v) => `a recency of ${amount(v)} ${v === 1 ? 'day' : 'days'}`,
  frequency: (v) => `a frequency of ${amount(v)}`,
  monetary: (v) => `a monetary value of ${amount(v)}`,
};

function listOf(items: string[], last: string): string {
  return items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

function scoreRange(scores: Score[]): string {
  return scores.length === 2 ? `${scores[0]} and ${scores[1]}` : `${scores[0]} to ${scores[scores.length - 1]}`;
}

function tieClause(dimension: RfmDimension, tie: ScoreTie, n: number): string {
  const share = (100 * tie.customers) / n;
  const percent = share < 1 ? '<1 %' : `${Math.round(share)} %`;
  return (
    `${count(tie.customers)} customers (${percent}) have ${VALUE_PHRASE[dimension](tie.value)} and all score ${tie.score}, ` +
    `where an even split would spread them over scores ${scoreRange(tie.evenSplitScores)}`
  );
}

/**
 * Why a column's score groups are not fifths, for the run summary and the segments page: the counts
 * per score, the scores left empty and the tied values that kept customers together, with one
 * plain-English paragraph. null when no tie crosses a fifth's boundary (always for 'rank' scoring,
 * which splits ties) or when every group is within 5 % of a fifth (and at least one customer) of n / 5,
 * so ties of a few customers in a large file, or n not a multiple of 5, raise no note.
 * @example
 * // Online Retail frequency: 1,493 of 4,338 customers bought once.
 * unevenScoresOf('frequency', scoreQuintiles(frequency, { column: 'frequency' }))?.reason;
 * // "Equal frequency values share one score, so the frequency groups are uneven (1,493, 835, 508, 802
 * // and 700 customers on scores 1 to 5): 1,493 customers (34 %) have a frequency of 1 and all score 1,
 * // where an even split would spread them over scores 1 and 2; ..."
 */
export function unevenScoresOf(dimension: RfmDimension, quintiles: ScoreQuintilesResult): UnevenScores | null {
  const { ties, cutPoints } = quintiles;
  if (ties.length === 0) return null;
  const counts = cutPoints.map((c) => c.count);
  const emptyScores = cutPoints.filter((c) => c.count === 0).map((c) => c.score);
  const n = counts.reduce((a, b) => a + b, 0);
  // Groups within 5 % of a fifth (and a customer) read as even: a tie of a few customers is not worth a note.
  const fifth = n / 5;
  if (counts.every((c) => Math.abs(c - fifth) <= Math.max(1, 0.05 * fifth))) return null;
  const clauses = ties.map((tie) => tieClause(dimension, tie, n)).join('; ');
  const empty =
    emptyScores.length === 0
      ? ''
      : ` No customer scores ${listOf(emptyScores.map(String), 'or')} on ${dimension}.`;
  const reason =
    `Equal ${dimension} values share one score, so the ${dimension} groups are uneven ` +
    `(${listOf(counts.map(count), 'and')} customers on scores 1 to 5): ${clauses}.${empty}`;
  return { dimension, counts, emptyScores, ties, reason };
}
