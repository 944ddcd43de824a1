import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

// Turbopack traces the files a server module may touch; a file-system call on a computed path
// makes it include the whole project (and warn at build time) unless the path is marked opaque.
const FS_CALL = /\b(existsSync|mkdir|readdir|rename|rm|writeFile|readFile|stat)\(\s*(?!['"`]|\/\* turbopackIgnore: true \*\/)/g;

const dir = join(process.cwd(), 'lib', 'server', 'analytics');
const sources = readdirSync(dir).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));

test.each(sources)('%s marks every file-system path it computes as opaque to the build tracer', (name) => {
  const text = readFileSync(join(dir, name), 'utf8');
  const unmarked = [...text.matchAll(FS_CALL)].map((m) => `${m[1]}( at line ${text.slice(0, m.index).split('\n').length}`);
  expect(unmarked).toEqual([]);
});
