import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { E2E_ADMIN } from './e2e-admin';

// Runs against the second server (SEGMENTA_AUTH=required, its admin from SEGMENTA_ADMIN_*).
test.describe.configure({ mode: 'serial' });

const VIEWER = { email: 'vera.viewer@example.com', name: 'Vera Viewer', password: 'viewer password 1' };
const ANALYST = { email: 'ali.analyst@example.com', name: 'Ali Analyst', password: 'analyst password 1' };
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function filesUnder(dir: string, name: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name === name)
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

/** app/customers/[id]/page.tsx -> /customers/12346: every page of the app, from the files. */
function urlOf(file: string, suffix: string): string {
  const path = file
    .replace(/^app/, '')
    .replace(new RegExp(`/${suffix}$`), '')
    .replace(/\[id\]/g, '1');
  return path === '' ? '/' : path;
}
const PUBLIC_PAGES = new Set(['/sign-in', '/setup']);
const pages = filesUnder('app', 'page.tsx').map((f) => urlOf(f.replace(/\.tsx$/, ''), 'page')).filter((p) => !PUBLIC_PAGES.has(p));
const routes = filesUnder('app/api', 'route.ts')
  .filter((f) => !f.includes('[...all]'))
  .flatMap((f) => [...readFileSync(join(root, f), 'utf8').matchAll(/export async function (GET|POST|DELETE|PUT|PATCH)\(/g)].map((m) => ({ method: m[1]!, url: urlOf(f.replace(/\.ts$/, ''), 'route') })));

interface ActionEntry {
  id: string;
  name: string;
  page: string;
  /** The role the action's source asks for; null for the public ones. */
  needs: string | null;
}
// Every server action the build holds, with a page that serves it, from Next's own manifest.
function serverActions(): ActionEntry[] {
  const manifest = JSON.parse(readFileSync(join(root, '.next', 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers).find((w) => w !== 'app/_not-found/page')!;
    const source = readFileSync(join(root, entry.filename), 'utf8');
    return { id, name: entry.exportedName, page: urlOf(worker, 'page'), needs: /requireRole\('(\w+)'\)/.exec(source)?.[1] ?? null };
  });
}

/** Calls a server action as the browser would, with arguments it never gets to read. */
function callAction(request: APIRequestContext, baseURL: string, action: ActionEntry) {
  return request.post(action.page, {
    headers: { 'Next-Action': action.id, 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'text/x-component', Origin: baseURL },
    data: '[{"status":"idle"},{}]',
    maxRedirects: 0,
  });
}

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail address').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(`Signed in as ${who.email}`)).toBeVisible();
}

async function signedInPage(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who);
  return page;
}

test('nobody signed in: every page goes to /sign-in, every route answers 401, every action refuses', async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  expect(pages).toEqual(expect.arrayContaining(['/', '/data', '/audiences', '/users', '/customers/1']));
  for (const path of pages) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(307);
    expect(response.headers().location, path).toMatch(/\/sign-in$/);
  }
  expect(routes.length).toBeGreaterThanOrEqual(6);
  for (const { method, url } of routes) {
    const response = await request.fetch(url, { method, headers: { Origin: baseURL! } });
    expect(response.status(), `${method} ${url}`).toBe(401);
    expect((await response.json()).error.message, `${method} ${url}`).toBe('Sign in first: your session has ended or you are not signed in.');
  }
  const actions = serverActions();
  expect(actions.map((a) => a.name)).toEqual(expect.arrayContaining(['saveAudienceAction', 'startRunAction', 'deleteDatasetAction', 'createUserAction', 'signOutAction']));
  for (const action of actions) {
    const response = await callAction(request, baseURL!, action);
    const body = await response.text();
    if (action.name === 'signOutAction') expect(response.headers()['x-action-redirect'] ?? '', action.name).toContain('/sign-in');
    else if (action.name === 'createFirstAdminAction') expect(body, action.name).toContain('Setup is finished or not available here');
    else expect(body, action.name).toContain('Sign in first: your session has ended or you are not signed in.');
  }
  // The admin exists, so the one-time setup page is gone.
  const setup = await request.get('/setup');
  expect(setup.status()).toBe(404);
  expect(await setup.text()).toContain('Set-up is closed');
  await request.dispose();
});

test('sign in with a wrong password is refused; the admin signs in and out', async ({ page }) => {
  await page.goto('/customers');
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel('E-mail address').fill(E2E_ADMIN.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('That e-mail address and password do not match a user. Check them and try again.')).toBeVisible();
  await signIn(page, E2E_ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByText(`Signed in as ${E2E_ADMIN.email} (admin)`)).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/data');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('the admin adds a viewer and an analyst; the last admin cannot be demoted or removed', async ({ page }) => {
  await signIn(page, E2E_ADMIN);
  await page.getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  for (const [who, role] of [
    [VIEWER, 'viewer'],
    [ANALYST, 'analyst'],
  ] as const) {
    await page.getByRole('textbox', { name: 'E-mail address' }).fill(who.email);
    await page.getByRole('textbox', { name: 'Name' }).fill(who.name);
    await page.getByLabel('Initial password').fill(who.password);
    await page.getByRole('combobox', { name: 'Role', exact: true }).selectOption(role);
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect(page.getByRole('status')).toHaveText(`Added ${who.email} as ${role}. Give them the password; they sign in at /sign-in.`);
    await expect(page.getByRole('combobox', { name: `Role of ${who.email}` })).toHaveValue(role);
  }
  await page.getByRole('combobox', { name: `Role of ${E2E_ADMIN.email}` }).selectOption('viewer');
  await page.getByRole('button', { name: `Change role of ${E2E_ADMIN.email}` }).click();
  await expect(page.getByText(`${E2E_ADMIN.email} is the last admin: make another user admin first.`)).toBeVisible();
  await page.getByRole('button', { name: `Remove ${E2E_ADMIN.email}` }).click();
  const confirm = page.getByRole('dialog', { name: `Remove ${E2E_ADMIN.email}?` });
  await confirm.getByRole('button', { name: 'Keep' }).click();
  await expect(confirm).toBeHidden();
  await page.getByRole('button', { name: `Remove ${E2E_ADMIN.email}` }).click();
  await confirm.getByRole('button', { name: 'Remove user' }).click();
  await expect(page.getByText(`${E2E_ADMIN.email} is the last admin and cannot be removed.`)).toBeVisible();
  await page.reload();
  await expect(page.getByRole('combobox', { name: `Role of ${E2E_ADMIN.email}` })).toHaveValue('admin');
});

test('the viewer sees the pages and exports, and the export log names them; uploads, re-runs, audiences and users are refused', async ({ browser, baseURL }) => {
  const page = await signedInPage(browser, VIEWER);
  for (const [path, heading] of [
    ['/', 'Overview'],
    ['/segments', 'Segments'],
    ['/customers', 'Customers'],
    ['/data', 'Data'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  }
  // Controls the server would refuse are not shown to a viewer; the page says who may use them.
  await expect(page.getByText(/Uploading, re-analysing, renaming and setting a currency need the analyst role/)).toBeVisible();
  await expect(page.getByRole('form', { name: 'Upload a transaction log' })).toHaveCount(0);
  await expect(page.getByText('Re-analyse with other parameters')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Rename / })).toHaveCount(0);
  await page.goto('/customers');
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export CSV' }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save as audience' })).toHaveCount(0);
  const csv = await page.request.get('/api/exports?columns=customer_id');
  expect(csv.status()).toBe(200);
  expect((await csv.text()).split(/\r?\n/)[0]).toBe('\uFEFFcustomer_id');
  await page.goto('/audiences');
  await expect(page.getByRole('table', { name: 'Export log' }).getByRole('row').nth(1)).toContainText(VIEWER.email);

  const users = await page.goto('/users');
  expect(users?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Not allowed (403)' })).toBeVisible();
  await expect(page.getByText('Your role, viewer, does not allow this page.', { exact: false })).toBeVisible();
  const upload = await page.request.post('/api/uploads/staging', { headers: { Origin: baseURL! }, data: 'a,b\n1,2\n' });
  expect(upload.status()).toBe(403);
  expect((await upload.json()).error.message).toBe('This needs the analyst role. Ask an admin to give it to you.');
  for (const action of serverActions().filter((a) => a.needs === 'analyst' || a.needs === 'admin')) {
    const body = await (await callAction(page.request, baseURL!, action)).text();
    expect(body, action.name).toContain(`This needs the ${action.needs} role. Ask an admin to give it to you.`);
  }
  await page.context().close();
});

test('the analyst may upload and save audiences but not manage users or delete a dataset; the viewer is not offered saving or deleting one', async ({ browser, baseURL }) => {
  const page = await signedInPage(browser, ANALYST);
  expect((await page.goto('/users'))?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Not allowed (403)' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(0);
  const upload = await page.request.post('/api/uploads/staging', { headers: { Origin: baseURL! }, data: '' });
  expect(upload.status()).not.toBe(401);
  expect(upload.status()).not.toBe(403);
  const actions = serverActions();
  for (const action of actions.filter((a) => a.needs === 'admin')) {
    const body = await (await callAction(page.request, baseURL!, action)).text();
    expect(body, action.name).toContain('This needs the admin role. Ask an admin to give it to you.');
  }
  // Saving an audience is an analyst's; the viewer gets the role message from the same form.
  const name = 'Analyst France';
  await page.goto('/?run=1&country=France');
  await page.getByText('Save as audience', { exact: true }).click();
  const form = page.getByRole('form', { name: 'Save as audience' });
  await form.getByLabel('Audience name').fill(name);
  await form.getByRole('button', { name: 'Save audience' }).click();
  await expect(form.getByRole('status')).toContainText(`Saved “${name}”.`);
  await page.context().close();

  const viewer = await signedInPage(browser, VIEWER);
  await viewer.goto('/?run=1&country=France');
  // The viewer is not offered the form (the action itself refuses them: see the viewer's test above).
  await expect(viewer.getByRole('button', { name: 'Export CSV' })).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'Save as audience' })).toHaveCount(0);
  await viewer.goto('/audiences');
  await expect(viewer.getByRole('heading', { name: 'Saved audiences' })).toBeVisible();
  await expect(viewer.getByRole('button', { name: `Delete ${name}` })).toHaveCount(0);
  await viewer.context().close();
});

test('pages kept in memory are per viewer: the admin’s kept page never reaches the viewer or nobody, and signing out forgets it', async ({ browser, playwright, baseURL }) => {
  const admin = await signedInPage(browser, E2E_ADMIN);
  await admin.goto('/segments?minFrequency=3');
  const again = await admin.goto('/segments?minFrequency=3');
  expect(again!.headers()['x-segmenta-cache']).toBe('hit');
  await expect(admin.getByText(`Signed in as ${E2E_ADMIN.email} (admin)`)).toBeVisible();

  const viewer = await signedInPage(browser, VIEWER);
  const viewed = await viewer.goto('/segments?minFrequency=3');
  expect(viewed!.headers()['x-segmenta-cache']).toBe('miss');
  await expect(viewer.getByText(`Signed in as ${VIEWER.email} (viewer)`)).toBeVisible();
  await viewer.context().close();

  const nobody = await playwright.request.newContext({ baseURL });
  const refused = await nobody.get('/segments?minFrequency=3', { maxRedirects: 0 });
  expect(refused.status()).toBe(307);
  expect(refused.headers()['location']).toMatch(/\/sign-in$/);

  // The signed-out session's cookie no longer opens the kept page.
  const cookies = await admin.context().cookies();
  await admin.getByRole('button', { name: 'Sign out' }).click();
  await expect(admin).toHaveURL(/\/sign-in$/);
  const stale = await playwright.request.newContext({ baseURL, storageState: { cookies, origins: [] } });
  const after = await stale.get('/segments?minFrequency=3', { maxRedirects: 0 });
  expect(after.status()).toBe(307);
  await Promise.all([nobody.dispose(), stale.dispose(), admin.context().close()]);
});
