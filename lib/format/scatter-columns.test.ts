import { expect, test } from 'vitest';
import { fromScatterColumns, toScatterColumns } from './scatter-columns';

test('points survive the column encoding, money rounded to cents, segments by index', () => {
  const points = [
    { customerId: 'a', recency: 3, frequency: 2, monetary: 10.456, clv: 7.00215, cluster: 0, segment: 'Champions' },
    { customerId: 'b', recency: 90, frequency: 1, monetary: 5, clv: null, cluster: null, segment: 'At Risk' },
    { customerId: 'c', recency: 1, frequency: 9, monetary: 99.994, clv: 120, cluster: 1, segment: 'Champions' },
  ];
  const columns = toScatterColumns(points);
  expect(columns.segments).toEqual(['Champions', 'At Risk']);
  expect(columns.segment).toEqual([0, 1, 0]);
  expect(fromScatterColumns(columns)).toEqual([
    { ...points[0], monetary: 10.46, clv: 7 },
    points[1],
    { ...points[2], monetary: 99.99 },
  ]);
});
