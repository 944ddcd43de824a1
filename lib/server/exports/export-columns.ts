import type { ClusterMethodFilter } from '../../schemas/dashboard-filters-schema';
import type { ExportColumn } from '../../schemas/export-request-schema';
import { CLUSTER_COLUMNS } from '../dashboard/clusters/cluster-column';


const money = (column: string) => `round(c.${column}::numeric, 2)::float8`;
const ratio = (column: string) => `round(c.${column}::numeric, 6)::float8`;

/** The SQL expression (on customer_result c) and CSV header of each export column. */
export function exportColumnSql(column: ExportColumn, method: ClusterMethodFilter): { sql: string; header: string } {
  switch (column) {
    case 'customer_id':
    case 'country':
    case 'segment':
    case 'rfm_code':
    case 'churn_status':
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
    default: {
      const unknown: never = column;
      throw new Error(`Unknown export column ${String(unknown)}`);
    }
  }
}
