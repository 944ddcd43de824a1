import { EngineError } from '../errors';
import { currenciesMeant } from '../ingest/number-format';

/**
 * The currency of a file scored against a run: the file's (its currency column or symbols, or the
 * one the user gave), which must be the run's, since the run's RFM breaks and spend model are in
 * the run's money; the run's when the file does not say. Null when neither says.
 * @throws EngineError CURRENCY_MISMATCH when the file's currency cannot be the run's.
 * @example
 * scoringCurrency('GBP', { currency: null, currencyReason: 'not stated in the file' }); // 'GBP'
 * scoringCurrency('GBP', { currency: 'USD', currencyReason: 'given as an option' }); // throws CURRENCY_MISMATCH
 */
export function scoringCurrency(runCurrency: string | null, file: { currency: string | null; currencyReason: string }): string | null {
  if (file.currency === null) {
    if (runCurrency !== null && /several currencies/.test(file.currencyReason)) {
      throw new EngineError('CURRENCY_MISMATCH', `The file mixes currencies (${file.currencyReason}), and the run counts money in ${runCurrency} only. Score the ${runCurrency} lines on their own.`);
    }
    return runCurrency;
  }
  if (runCurrency === null) return file.currency;
  const fileMeans = currenciesMeant(file.currency);
  const runMeans = currenciesMeant(runCurrency);
  const same = file.currency.toUpperCase() === runCurrency.toUpperCase() || fileMeans.some((code) => runMeans.includes(code));
  // A code says more than a sign ('$'), whichever side it comes from.
  if (same) return /^[A-Z]{3}$/i.test(file.currency) ? file.currency.toUpperCase() : runCurrency;
  const source = file.currencyReason === 'given as an option' ? 'the currency you gave' : file.currencyReason;
  throw new EngineError(
    'CURRENCY_MISMATCH',
    `The file's money is in ${file.currency} (${source}), but the run counts money in ${runCurrency}, so its segments and lifetime values would be wrong for these amounts. Score a file in ${runCurrency}, or score it against a run of a ${file.currency} dataset.`,
    { fileCurrency: file.currency, runCurrency },
  );
}
