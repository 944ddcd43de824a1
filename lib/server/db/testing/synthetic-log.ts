// Test helper: a seeded transaction log in the UCI Online Retail layout, with the awkward cases
// a database round trip must keep (quotes, commas, new lines, backslashes, accents, spaces).
import { createRng } from '@/lib/engines';

export const SYNTHETIC_HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';

const DESCRIPTIONS = [
  'WHITE HANGING HEART T-LIGHT HOLDER',
  'JUMBO BAG RED RETROSPOT',
  'SET OF 3 CAKE TINS PANTRY DESIGN',
  'Says "hello", twice',
  'line one\nline two',
  'back\\slash C:\\temp',
  '  leading and trailing spaces  ',
  'Crème brûlée dish, 12 cm',
  'PARTY BUNTING',
  'RABBIT NIGHT LIGHT',
  '',
];
const COUNTRIES = ['United Kingdom', 'United Kingdom', 'United Kingdom', 'France', 'Germany', 'EIRE', 'Unspecified'];

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * About `lines` invoice lines from `customers` customers over 2011, plus a few cancellations and
 * lines without a customer id. Same seed, same text.
 */
export function syntheticLog(lines: number, customers: number, seed = 7): string {
  const rng = createRng(seed);
  const out: string[] = [SYNTHETIC_HEADER];
  let invoice = 500000;
  const start = Date.UTC(2011, 0, 1);
  while (out.length <= lines) {
    const customer = 12000 + Math.floor(rng.next() * customers);
    const country = COUNTRIES[customer % COUNTRIES.length];
    const day = new Date(start + Math.floor(rng.next() * 360) * 86_400_000 + Math.floor(rng.next() * 600) * 60_000 + 8 * 3_600_000);
    const date = `${day.getUTCMonth() + 1}/${day.getUTCDate()}/${day.getUTCFullYear()} ${day.getUTCHours()}:${pad(day.getUTCMinutes())}`;
    const cancelled = rng.next() < 0.02;
    const anonymous = rng.next() < 0.05;
    const number = `${cancelled ? 'C' : ''}${invoice++}`;
    const count = 1 + Math.floor(rng.next() * 20);
    for (let j = 0; j < count && out.length <= lines; j++) {
      const product = Math.floor(rng.next() * DESCRIPTIONS.length * 3);
      const quantity = (1 + Math.floor(rng.next() * 24)) * (cancelled ? -1 : 1);
      const price = (Math.round(rng.next() * 1000) / 100 + 0.01).toFixed(2);
      out.push(
        [number, `${85000 + product}${product % 4 === 0 ? 'B' : ''}`, field(DESCRIPTIONS[product % DESCRIPTIONS.length]), quantity, date, price, anonymous ? '' : `${customer}.0`, country].join(','),
      );
    }
  }
  return `${out.join('\r\n')}\r\n`;
}
