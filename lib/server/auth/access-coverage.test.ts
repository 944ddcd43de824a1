// Every page, route handler and server action checks access on the server. A new file without a
// check fails here: add requirePageRole / requireRouteRole / requireRole, or, for the few that
// must be open (sign-in, setup), an "access: public" comment saying why.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = join(__dirname, '..', '..', '..');

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && keep(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

const PUBLIC = /\/\/ access: public|\* access: public/;
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

const pages = filesUnder('app', (n) => n === 'page.tsx');
const routes = filesUnder('app', (n) => n === 'route.ts');
const actionFiles = [...filesUnder('lib/actions', (n) => n.endsWith('.ts') && !n.endsWith('.test.ts')), ...filesUnder('app', (n) => /\.tsx?$/.test(n))].filter((f) =>
  /^\s*['"]use server['"]/m.test(read(f)),
);

test('the lists are not empty (the walk finds the app)', () => {
  expect(pages).toContain('app/page.tsx');
  expect(pages).toContain('app/users/page.tsx');
  expect(routes).toContain('app/api/exports/route.ts');
  expect(actionFiles).toContain('lib/actions/save-audience-action.ts');
  expect(actionFiles).toContain('app/segments/actions.ts');
});

describe('pages', () => {
  test.each(pages)('%s checks the role before rendering', (file) => {
    const text = read(file);
    const checked = /export default async function \w+\([^]*?\{\s*(const user = )?await requirePageRole\('(viewer|analyst|admin)'\);/.test(text);
    expect(checked || PUBLIC.test(text), `${file}: start the page with requirePageRole(...) or mark it "access: public"`).toBe(true);
  });
});

describe('route handlers', () => {
  test.each(routes)('%s checks the role in every handler', (file) => {
    const text = read(file);
    if (PUBLIC.test(text)) return;
    const handlers = count(text, /export async function (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\(/g);
    const checks = count(text, /const user = await requireRouteRole\('(viewer|analyst|admin)'\);\s*if \(user instanceof Response\) return user;/g);
    expect(handlers, `${file}: export handlers as "export async function GET(...)"`).toBeGreaterThan(0);
    expect(checks, `${file}: every handler starts with requireRouteRole(...)`).toBe(handlers);
  });
});

describe('server actions', () => {
  test.each(actionFiles)('%s checks the role in every action', (file) => {
    const text = read(file);
    if (PUBLIC.test(text)) return;
    const actions = count(text, /export async function \w+\(/g);
    const checks = count(text, /const access = await requireRole\('(viewer|analyst|admin)'\);\s*if \(!access\.ok\)/g);
    expect(actions).toBeGreaterThan(0);
    expect(checks, `${file}: every action starts with requireRole(...) and returns its message`).toBe(actions);
  });
});

test('the roles each area needs', () => {
  const needs = (file: string) => /require(?:Page|Route)?Role\('(\w+)'\)/.exec(read(file))?.[1];
  expect(needs('app/users/page.tsx')).toBe('admin');
  expect(needs('lib/actions/delete-dataset-action.ts')).toBe('admin');
  expect(needs('lib/actions/create-user-action.ts')).toBe('admin');
  expect(needs('app/api/uploads/route.ts')).toBe('analyst');
  expect(needs('app/api/runs/[id]/score/route.ts')).toBe('analyst');
  expect(needs('lib/actions/start-run-action.ts')).toBe('analyst');
  expect(needs('lib/actions/create-snapshots-action.ts')).toBe('analyst');
  expect(needs('lib/actions/save-audience-action.ts')).toBe('analyst');
  expect(needs('app/api/exports/route.ts')).toBe('viewer');
});
