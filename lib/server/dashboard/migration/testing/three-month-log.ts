// Test fixture: a hand-built log of 20 customers over three months whose monthly snapshots are
// known by hand. January: C01-C12 buy for the first time (C01 spends 10, C02 20, ... C12 120).
// February: C01-C06 buy again (50 each), C13-C16 buy for the first time (30 each). March: C01-C03
// buy again (40 each), C17-C20 buy for the first time (20 each). The last purchase is on 20 March,
// so the last two month-ends give the snapshots 2026-02-01 (12 customers, 780 spent) and
// 2026-03-01 (16 customers, 1,200 spent), and the whole log has 20 customers.
export const THREE_MONTH_LOG_SNAPSHOTS = ['2026-02-01', '2026-03-01'] as const;

/** The log; `tag` goes into the product description, so each upload of it is a new file. */
export function threeMonthLog(tag = ''): string {
  const lines = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
  let invoice = 1000;
  const buy = (customer: number, day: string, amount: number) =>
    lines.push(`${invoice++},85123A,GIFT BOX${tag ? ` ${tag}` : ''},1,${day} 10:00,${amount.toFixed(2)},C${String(customer).padStart(2, '0')},United Kingdom`);
  for (let c = 1; c <= 12; c++) buy(c, `2026-01-${String(4 + c).padStart(2, '0')}`, 10 * c);
  for (let c = 1; c <= 6; c++) buy(c, '2026-02-10', 50);
  for (let c = 13; c <= 16; c++) buy(c, '2026-02-15', 30);
  for (let c = 1; c <= 3; c++) buy(c, '2026-03-12', 40);
  for (let c = 17; c <= 20; c++) buy(c, '2026-03-20', 20);
  return `${lines.join('\n')}\n`;
}
