import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { apiErrorMessage } from '../../format/api-error-message';
import { apiError } from './api-error';

test('an API error answers { error: { message } } with its status, never cached', async () => {
  const response = apiError('There is no run 7.', 404);
  expect(response.status).toBe(404);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(await response.json()).toEqual({ error: { message: 'There is no run 7.' } });
});

test('details sit beside the message, which they cannot replace', async () => {
  const response = apiError('Answer the date order.', 422, { question: 'ask-date-order', column: 'Date', examples: ['01/02/2024'], message: 'not this' });
  expect(await response.json()).toEqual({ error: { message: 'Answer the date order.', question: 'ask-date-order', column: 'Date', examples: ['01/02/2024'] } });
});

test.each([
  [{ error: { message: 'Sign in first.' } }, 'Sign in first.'],
  [{ error: { message: 'Duplicate.', duplicate: { id: 1 } } }, 'Duplicate.'],
  [{ error: 'a bare string is not the shape' }, undefined],
  [{ error: { message: 3 } }, undefined],
  [{ stagingId: 'x' }, undefined],
  [null, undefined],
  ['text', undefined],
])('the message of %j is %j', (body, expected) => {
  expect(apiErrorMessage(body)).toBe(expected);
});

// Every error answer under app/api, and the proxy's refusals, goes through apiError: a route that writes its own JSON error fails here.
const root = join(__dirname, '..', '..', '..');
const sources = [
  ...readdirSync(join(root, 'app'), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name))),
  ...readdirSync(join(root, 'lib', 'server'), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.parentPath.includes('generated'))
    .map((e) => relative(root, join(e.parentPath, e.name))),
  'proxy.ts',
].sort();

test('the scan finds the routes', () => {
  expect(sources).toContain('app/api/runs/[id]/route.ts');
  expect(sources).toContain('app/api/uploads/route.ts');
  expect(sources).toContain('proxy.ts');
});

test.each(sources)('%s answers errors only through apiError', (file) => {
  const text = readFileSync(join(root, file), 'utf8');
  expect(text).not.toMatch(/Response\.json\(\s*\{\s*error\b/);
});
