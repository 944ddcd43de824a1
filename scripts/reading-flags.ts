/** The reading flags `analyze` and `score` share: --map, --day-first / --month-first, --decimal-comma / --decimal-point. */
export interface ReadingFlagValues {
  map?: string[];
  'day-first'?: boolean;
  'month-first'?: boolean;
  'decimal-comma'?: boolean;
  'decimal-point'?: boolean;
}

/** The flags as reading options for the options schema; contradictions and a malformed --map end in `fail`. */
export function readingFlags(values: ReadingFlagValues, fail: (message: string) => never) {
  if (values['day-first'] && values['month-first']) fail('give --day-first or --month-first, not both.');
  if (values['decimal-comma'] && values['decimal-point']) fail('give --decimal-comma or --decimal-point, not both.');
  const columns = Object.fromEntries(
    (values.map ?? []).map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0) fail(`--map expects field=Column, got "${pair}".`);
      return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
    }),
  );
  return {
    columns: Object.keys(columns).length > 0 ? columns : undefined,
    dateOrder: values['day-first'] ? ('day-first' as const) : values['month-first'] ? ('month-first' as const) : undefined,
    decimalSeparator: values['decimal-comma'] ? (',' as const) : values['decimal-point'] ? ('.' as const) : undefined,
  };
}
