// Colour-blind-friendly categorical palette (Tableau 10 and two extras), shared by the cluster charts and tables.
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#17becf', '#7f7f7f'];

/** The colour of the i-th group (cluster number or segment index). */
export function categoryColor(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length];
}
