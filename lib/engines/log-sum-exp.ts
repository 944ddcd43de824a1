/** log(e^u + e^v) without overflow. */
export function logSumExp(u: number, v: number): number {
  const m = Math.max(u, v);
  return m + Math.log1p(Math.exp(-Math.abs(u - v)));
}
