/** 100 * r + 10 * f + m: the three scores as one number, e.g. 545. */
export function rfmCodeOf(r: number, f: number, m: number): number {
  return 100 * r + 10 * f + m;
}

/** The three digits of an RFM code as text, e.g. 545 -> "545". */
export function formatRfmCode(code: number): string {
  const r = Math.floor(code / 100);
  const f = Math.floor(code / 10) % 10;
  const m = code % 10;
  return `${r}${f}${m}`;
}
