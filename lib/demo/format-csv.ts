/** An RFC 4180 field: quoted, with quotes doubled, when it holds a comma, a quote or a line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A price as UCI Online Retail writes it (Python float text): 2.55, 2.1, 18.0, -11062.06. */
export function formatPrice(value: number): string {
  const cents = Math.round(value * 100) / 100;
  const text = String(cents === 0 ? 0 : cents);
  return Number.isInteger(cents) ? `${text}.0` : text;
}

/** A customer id as UCI Online Retail writes it (17850.0), or empty when the customer is unknown. */
export function formatCustomerId(id: number | null): string {
  return id === null ? '' : `${id}.0`;
}

/** Minutes since 1970-01-01 as `YYYY-MM-DD HH:MM:SS`. */
export function formatMinute(minute: number): string {
  const iso = new Date(minute * 60_000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
