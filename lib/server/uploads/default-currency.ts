// Pure and browser-safe (no server-only): the upload form imports it. It belongs in lib/format, which this branch does not own.
// Currencies of the regions a browser locale names (en-GB -> GBP), for a file that does not say its own.
const EURO = ['AT', 'BE', 'CY', 'DE', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PT', 'SI', 'SK'];
const REGION_CURRENCY: Record<string, string> = {
  ...Object.fromEntries(EURO.map((region) => [region, 'EUR'])),
  GB: 'GBP',
  US: 'USD',
  CA: 'CAD',
  AU: 'AUD',
  NZ: 'NZD',
  CH: 'CHF',
  SE: 'SEK',
  NO: 'NOK',
  DK: 'DKK',
  PL: 'PLN',
  CZ: 'CZK',
  JP: 'JPY',
  IN: 'INR',
  BR: 'BRL',
  MX: 'MXN',
  ZA: 'ZAR',
  SG: 'SGD',
  HK: 'HKD',
};

/** The currency of a locale's region ("en-GB" -> "GBP"), or null when the locale names no region this list knows. */
export function localeCurrency(locale: string): string | null {
  try {
    const region = new Intl.Locale(locale).maximize().region;
    return region ? (REGION_CURRENCY[region] ?? null) : null;
  } catch {
    return null;
  }
}

export interface CurrencyDefault {
  currency: string;
  /** Where it came from, said beside it. */
  source: string;
}

/** The currency to propose when a file does not say its own: the last dataset's, else the browser's. */
export function defaultCurrency(lastCurrency: string | null, locale: string): CurrencyDefault | null {
  if (lastCurrency) return { currency: lastCurrency, source: 'the currency of your last dataset' };
  const fromLocale = localeCurrency(locale);
  return fromLocale ? { currency: fromLocale, source: `your browser’s language setting (${locale})` } : null;
}
