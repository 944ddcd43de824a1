import { createReadStream, createWriteStream, existsSync, renameSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

const DAY_MS = 86_400_000;

function shiftDate(text: string, days: number): string {
  const ms = Date.parse(`${text.replace(' ', 'T')}Z`) + days * DAY_MS;
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Write a log of at least `lines` transaction lines made by replicating an Online Retail file,
 * each copy with its own customer ids (+100,000 per copy), invoice numbers and dates shifted
 * by a few days. Reuses the file when it already exists. Returns its path. A module, not a command
 * line: `npm run bench` and `bench-ingest <file> --lines <n>` make the log through it.
 */
export async function makeReplicatedLog(source: string, target: string, lines: number): Promise<string> {
  if (existsSync(target) && statSync(target).size > 0) return target;
  const original: string[] = [];
  let header = '';
  const reader = createInterface({ input: createReadStream(source).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of reader) {
    if (header === '') header = line;
    else if (line.length > 0) original.push(line);
  }
  const partial = `${target}.partial`;
  const out = createWriteStream(partial);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  await write(`${header}\n`);
  let written = 0;
  for (let copy = 0; written < lines; copy++) {
    const dates = new Map<string, string>();
    const shift = copy % 28;
    let buffer = '';
    for (const line of original) {
      if (written >= lines) break;
      // Invoice is the first field; date, price, customer and country are the last four and never quoted.
      const firstComma = line.indexOf(',');
      const c4 = line.lastIndexOf(',');
      const c3 = line.lastIndexOf(',', c4 - 1);
      const c2 = line.lastIndexOf(',', c3 - 1);
      const c1 = line.lastIndexOf(',', c2 - 1);
      const invoice = line.slice(0, firstComma);
      const dateText = line.slice(c1 + 1, c2);
      let date = dates.get(dateText);
      if (date === undefined) {
        date = shiftDate(dateText, shift);
        dates.set(dateText, date);
      }
      const customerText = line.slice(c3 + 1, c4);
      const customer = customerText === '' ? '' : `${Math.round(Number(customerText)) + copy * 100_000}.0`;
      buffer += `${invoice}-${copy}${line.slice(firstComma, c1)},${date},${line.slice(c2 + 1, c3)},${customer}${line.slice(c4)}\n`;
      written++;
      if (buffer.length > 1 << 20) {
        await write(buffer);
        buffer = '';
      }
    }
    await write(buffer);
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  renameSync(partial, target);
  return target;
}
