import { isoCurrency } from './format-number';

// Currencies written with a symbol several of them share, most used first: the choices offered, none preselected.
const SHARED_SYMBOLS: Readonly<Record<string, readonly string[]>> = {
  $: ['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN'],
  '¥': ['JPY', 'CNY'],
  kr: ['SEK', 'NOK', 'DKK', 'ISK'],
  'R$': ['BRL'],
};

/** The ingest's currency reason when the file shows none (lib/engines/ingest/interpret-lines.ts). */
const NOT_STATED = 'not stated in the file';

export interface CurrencyStated {
  /** A three-letter code the file names, a symbol several currencies share ("$"), or null. */
  currency: string | null;
  /** Where it came from, in words (from the file's reading). */
  reason: string;
}

export type CurrencyQuestion =
  /** The file itself names the currency: said with its source, nothing to ask. */
  | { kind: 'named'; currency: string; source: string }
  /** The file does not name it: ask, with the codes its symbol may stand for (none chosen for the user). */
  | { kind: 'ask'; symbol: string | null; choices: readonly string[]; question: string };

/**
 * What to say about a file's currency from what the file itself shows (a currency column, a
 * symbol or code in the amounts): the currency with its source, or a question with no answer
 * preselected. Nothing outside the file (an earlier upload, the browser's language) is used.
 */
export function currencyQuestion(stated: CurrencyStated): CurrencyQuestion {
  const code = isoCurrency(stated.currency);
  if (code) return { kind: 'named', currency: code, source: stated.reason };
  const symbol = stated.currency?.trim() || null;
  if (symbol) {
    const choices = SHARED_SYMBOLS[symbol] ?? [];
    return {
      kind: 'ask',
      symbol,
      choices,
      question: `The amounts are written with “${symbol}”, which does not say the currency${choices.length > 0 ? ` (${choices.join(', ')}, …)` : ''}: choose it or type its three-letter code.`,
    };
  }
  // The reading's plain "not stated in the file" would only repeat the sentence; other reasons (several currencies) add to it.
  // Readings stored before the reason was kept have none.
  const reason = stated.reason?.trim() ?? '';
  const why = reason === '' || reason === NOT_STATED ? '' : ` (${reason})`;
  return { kind: 'ask', symbol: null, choices: [], question: `The file does not say its currency${why}: type its three-letter code, or amounts are shown without one.` };
}

/** The currency line of a file's reading: "EUR (the file's "Currency" column)" or "not named: …". */
export function currencyReadingWords(stated: CurrencyStated): string {
  const q = currencyQuestion(stated);
  return q.kind === 'named' ? `${q.currency} (${q.source})` : `not named: ${q.question.charAt(0).toLowerCase()}${q.question.slice(1)}`;
}
