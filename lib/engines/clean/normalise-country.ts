export const DEFAULT_UNKNOWN_COUNTRIES = ['', 'unspecified', 'unknown', 'n/a', 'na', 'none', 'null', '-'];

/** Trim a country name and map placeholders such as `Unspecified` to one unknown name. */
export function normaliseCountry(raw: string, unknown: ReadonlySet<string>, unknownName: string): string {
  const trimmed = raw.trim().replace(/\s+/g, ' ');
  return unknown.has(trimmed.toLowerCase()) ? unknownName : trimmed;
}
