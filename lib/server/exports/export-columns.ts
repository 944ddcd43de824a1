import type { ClusterMethodFilter } from '../../schemas/dashboard-filters-schema';
import type { ExportColumn } from '../../schemas/export-request-schema';
import { CLUSTER_COLUMNS } from '../dashboard/clusters/cluster-column';

/** Columns written beside a chosen one, so a figure never leaves without what qualifies it. */
export type CompanionColumn = 'churn_basis' | 'combined_segment' | 'p_alive_note' | 'clv_caveat';

/** A column read from customer_result, or a note derived from the run (the same CLV caveat on every row, the reason a P(alive) is missing). */
export type ExportColumnSource = { header: string; sql: string } | { header: string; note: 'clvCaveat' | 'pAliveReason' | 'currency' };

const COMPANIONS: Partial<Record<ExportColumn, readonly CompanionColumn[]>> = {
  churn_status: ['churn_basis', 'combined_segment'],
  p_alive: ['p_alive_note'],
  clv: ['clv_caveat'],
  clv_lower: ['clv_caveat'],
  clv_upper: ['clv_caveat'],
};

// Money columns: a currency column chosen right after one of them qualifies it and stays beside it.
const MONEY_COLUMNS: ReadonlySet<ExportColumn> = new Set(['monetary', 'average_order_value', 'clv', 'clv_lower', 'clv_upper']);

/**
 * The chosen columns in the order chosen, each followed by its companions: the churn status by
 * its basis and the combined segment, P(alive) by why it is empty, the last CLV column by the
 * run's CLV caveat. A currency chosen right after a money column stays beside it, so the
 * companions come after the currency (`clv, currency, clv_caveat`). Companions chosen as
 * columns are written once, where they were chosen.
 */
export function withCompanionColumns(columns: readonly ExportColumn[]): (ExportColumn | CompanionColumn)[] {
  const out: (ExportColumn | CompanionColumn)[] = [];
  const pending: CompanionColumn[] = [];
  columns.forEach((column, i) => {
    out.push(column);
    for (const companion of COMPANIONS[column] ?? []) {
      const chosen = (columns as readonly string[]).includes(companion);
      const later = columns.slice(i + 1).some((c) => COMPANIONS[c]?.includes(companion));
      if (!chosen && !later && !out.includes(companion) && !pending.includes(companion)) pending.push(companion);
    }
    if (MONEY_COLUMNS.has(column) && columns[i + 1] === 'currency') return;
    out.push(...pending.splice(0));
  });
  return out;
}

const money = (column: string) => `round(c.${column}::numeric, 2)::float8`;
const ratio = (column: string) => `round(c.${column}::numeric, 6)::float8`;

/** The SQL expression (on customer_result c), or the run note (its currency, CLV caveat, why a P(alive) is missing), and the CSV header of each export column. */
export function exportColumnSql(column: ExportColumn | CompanionColumn, method: ClusterMethodFilter): ExportColumnSource {
  switch (column) {
    case 'customer_id':
    case 'country':
    case 'segment':
    case 'rfm_code':
    case 'churn_status':
    case 'churn_basis':
    case 'combined_segment':
      return { sql: `c.${column}`, header: column };
    case 'r_score':
    case 'f_score':
    case 'm_score':
    case 'recency':
    case 'frequency':
      return { sql: `c.${column}::int`, header: column };
    case 'cluster':
      return { sql: `c.${CLUSTER_COLUMNS[method].label}::int`, header: CLUSTER_COLUMNS[method].label };
    case 'cluster_name':
      return { sql: `c.${CLUSTER_COLUMNS[method].name}`, header: CLUSTER_COLUMNS[method].name };
    case 'monetary':
    case 'average_order_value':
    case 'clv':
    case 'clv_lower':
    case 'clv_upper':
      return { sql: money(column), header: column };
    case 'p_alive':
    case 'expected_purchases':
      return { sql: ratio(column), header: column };
    case 'first_purchase':
    case 'last_purchase':
      return { sql: `to_char(c.${column}, 'YYYY-MM-DD')`, header: column };
    case 'currency':
      return { note: 'currency', header: column };
    case 'clv_caveat':
      return { note: 'clvCaveat', header: column };
    case 'p_alive_note':
      return { note: 'pAliveReason', header: column };
    default: {
      const unknown: never = column;
      throw new Error(`Unknown export column ${String(unknown)}`);
    }
  }
}
