import type { DashboardFilters } from '../../../schemas/dashboard-filters-schema';
import { CLUSTER_COLUMNS } from '../clusters/cluster-column';
import type { CustomerSortColumn, SortDirection } from './customer-table-params';

/** Whitelisted sort column -> SQL on customer_result c; `nullable` columns put customers without a value last either way. */
export function customerSortSql(sort: CustomerSortColumn, method: DashboardFilters['method']): { column: string; nullable: boolean } {
  switch (sort) {
    case 'customerId':
      return { column: 'c.customer_id', nullable: false };
    case 'country':
      return { column: 'c.country', nullable: false };
    case 'segment':
      return { column: 'c.segment', nullable: false };
    case 'combinedSegment':
      return { column: 'c.combined_segment', nullable: false };
    case 'cluster':
      return { column: `c.${CLUSTER_COLUMNS[method].label}`, nullable: true };
    case 'rfm':
      return { column: 'c.rfm_code', nullable: false };
    case 'recency':
      return { column: 'c.recency', nullable: false };
    case 'frequency':
      return { column: 'c.frequency', nullable: false };
    case 'monetary':
      return { column: 'c.monetary', nullable: false };
    case 'clv':
      return { column: 'c.clv', nullable: true };
    case 'pAlive':
      return { column: 'c.p_alive', nullable: true };
    case 'lastPurchase':
      return { column: 'c.last_purchase', nullable: false };
    default: {
      const never: never = sort;
      throw new Error(`Unknown sort column ${String(never)}`);
    }
  }
}

/**
 * The customers table's order as one ORDER BY: the column in the chosen direction, the customer id
 * in the same direction as tie-breaker, customers without a value last whatever the direction.
 */
export function customerOrderBySql(sort: CustomerSortColumn, dir: SortDirection, method: DashboardFilters['method']): string {
  const { column, nullable } = customerSortSql(sort, method);
  const direction = dir === 'desc' ? 'DESC' : 'ASC';
  const byId = `c.customer_id ${direction}`;
  if (column === 'c.customer_id') return byId;
  return `${nullable ? `(${column} IS NULL), ` : ''}${column} ${direction}, ${byId}`;
}

/** `q` as a LIKE prefix pattern: its own %, _ and \ match literally. */
export function prefixPattern(q: string): string {
  return `${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
