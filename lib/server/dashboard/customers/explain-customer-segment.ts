import { formatInteger, formatMoneyIn } from '../../../format/format-number';
import { describeOrdersAndOccasions } from '../../../format/glossary';
import { valueBasisWords } from '../../../format/money-label';
import { matchSegmentRule, OTHERS_SEGMENT } from '../../../engines/rfm/segment-rules';
import type { SegmentRules } from '../../../engines/rfm/types';
import type { RunMoneyDto } from '../get-run-money';

export interface SegmentExplanationInput {
  /** Orders (RFM frequency). */
  frequency: number;
  /** Purchase occasions (distinct days with an order); null when the run did not store them. */
  occasions?: number | null;
  recency: number;
  monetary: number;
  rScore: number;
  fScore: number;
  mScore: number;
  /** The segment stored for the customer. */
  segment: string;
  /** The rules of the run, in the order they were applied. */
  rules: SegmentRules;
  /** YYYY-MM-DD, when known. */
  snapshot: string | null;
  /** The run's currency and value basis, named with the money spent when known. */
  money?: RunMoneyDto;
}

const FIFTH = ['', 'bottom fifth', 'fourth fifth', 'middle fifth', 'second fifth', 'top fifth'] as const;
const DIMENSION = { R: 'recency', F: 'frequency', M: 'spending' } as const;

function listWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const range = (letter: string, [lo, hi]: readonly [number, number]) => (lo === hi ? `${letter} ${lo}` : `${letter} ${lo}-${hi}`);

/**
 * Why a customer sits in its segment, in plain words: what it bought, where its R/F/M scores
 * place it among the run's customers, and which rule (first match wins) those scores met.
 */
export function explainCustomerSegment(input: SegmentExplanationInput): string {
  const { frequency, occasions = null, recency, monetary, rScore, fScore, mScore, segment, rules, snapshot, money } = input;
  const when = `${formatInteger(recency)} day${recency === 1 ? '' : 's'} before the snapshot${snapshot ? ` (${snapshot})` : ''}`;
  const basis = valueBasisWords(money?.valueBasis ?? null);
  const bought = `Placed ${describeOrdersAndOccasions(frequency, occasions)}, most recently ${when}, spending ${formatMoneyIn(monetary, money?.currency)} in total${basis ? `, ${basis}` : ''}`;

  // Group the three scores by fifth: "top fifth for recency (R 5) and frequency (F 5)".
  const scores = [
    ['R', rScore],
    ['F', fScore],
    ['M', mScore],
  ] as const;
  const groups: string[] = [];
  for (const score of [5, 4, 3, 2, 1]) {
    const dims = scores.filter(([, s]) => s === score).map(([letter]) => `${DIMENSION[letter]} (${letter} ${score})`);
    if (dims.length > 0) groups.push(`the ${FIFTH[score]} for ${listWords(dims)}`);
  }
  const placed = groups.length > 0 ? `; among all customers that is ${listWords(groups)}.` : '.';

  const index = matchSegmentRule(rules, rScore, fScore, mScore);
  const rule = rules[index];
  let why: string;
  if (rule && rule.name === segment) {
    const bounds = `${range('R', rule.recency)}, ${range('F', rule.frequency)}, ${range('M', rule.monetary)}`;
    why =
      index === 0
        ? ` That matches the first segment rule, "${rule.name}" (${bounds}).`
        : ` Segment rules are checked in order and the first match wins: the score ${rScore}${fScore}${mScore} ${index === 1 ? `misses "${rules[0].name}"` : `misses the ${index} rules before`} and matches "${rule.name}" (${bounds}).`;
  } else if (segment === OTHERS_SEGMENT && index === rules.length) {
    why = ` No segment rule covers the score ${rScore}${fScore}${mScore}, so the customer falls in "${OTHERS_SEGMENT}".`;
  } else {
    why = ` The analysis placed the customer in "${segment}" with the score ${rScore}${fScore}${mScore}.`;
  }
  return `${bought}${placed}${why}`;
}
