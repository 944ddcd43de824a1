import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../db/database';
import { TEST_BACKENDS } from '../db/testing/test-databases';
import { authFor } from './auth';
import { createFirstAdmin, ensureFirstAdmin, setupOpen } from './first-admin';
import { createUser, listUsers, removeUser, setUserRole } from './user-service';

const PASSWORD = 'correct horse battery';

describe.each(TEST_BACKENDS.filter((b) => b.available))('users and roles on $name', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  test('a fresh database has no users: start-up keeps a setup code, /setup is open', async () => {
    expect(await setupOpen(db)).toBe(true);
    const first = await ensureFirstAdmin(db, {});
    expect(first.kind).toBe('setup');
    const again = await ensureFirstAdmin(db, {});
    // The same code until it is used, also after a restart.
    expect(again).toEqual(first);
  });

  test('the setup form refuses a wrong code and creates the admin with the right one, once', async () => {
    const outcome = await ensureFirstAdmin(db, {});
    if (outcome.kind !== 'setup') throw new Error('expected a setup code');
    await expect(createFirstAdmin(db, 'wrong-code', { email: 'boss@example.com', name: 'Boss', password: PASSWORD })).rejects.toThrow(/setup code is wrong/);
    await createFirstAdmin(db, outcome.code.toUpperCase(), { email: 'Boss@Example.com', name: 'Boss', password: PASSWORD });
    expect(await setupOpen(db)).toBe(false);
    await expect(createFirstAdmin(db, outcome.code, { email: 'other@example.com', name: 'Other', password: PASSWORD })).rejects.toThrow(/Setup is finished/);
    expect((await listUsers(db)).map((u) => [u.email, u.role])).toEqual([['boss@example.com', 'admin']]);
    expect(await ensureFirstAdmin(db, { SEGMENTA_ADMIN_EMAIL: 'x@example.com', SEGMENTA_ADMIN_PASSWORD: PASSWORD })).toEqual({ kind: 'exists' });
  });

  test('passwords are stored as scrypt hashes and sign in through Better Auth', async () => {
    const viewer = await createUser(db, { email: 'vera@example.com', name: 'Vera', password: PASSWORD, role: 'viewer' });
    expect(viewer.role).toBe('viewer');
    const account = await db.prisma.account.findFirstOrThrow({ where: { userId: viewer.id, providerId: 'credential' } });
    expect(account.password).not.toContain(PASSWORD);
    // Better Auth's scrypt format: hex salt, a colon, hex key.
    expect(account.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
    const auth = await authFor(db);
    const signedIn = await auth.api.signInEmail({ body: { email: 'vera@example.com', password: PASSWORD } });
    expect(signedIn.user.email).toBe('vera@example.com');
    expect(await db.prisma.session.count({ where: { userId: viewer.id } })).toBe(1);
    await expect(auth.api.signInEmail({ body: { email: 'vera@example.com', password: 'not the password' } })).rejects.toThrow(/Invalid email or password/);
    await expect(createUser(db, { email: 'VERA@example.com', name: 'Vera 2', password: PASSWORD, role: 'admin' })).rejects.toThrow('There is already a user vera@example.com.');
  });

  test('the last admin can be neither demoted nor removed; with two, one can go', async () => {
    const boss = (await listUsers(db)).find((u) => u.email === 'boss@example.com')!;
    await expect(setUserRole(db, boss.id, 'analyst')).rejects.toThrow('boss@example.com is the last admin: make another user admin first.');
    await expect(removeUser(db, boss.id)).rejects.toThrow('boss@example.com is the last admin and cannot be removed.');
    const vera = (await listUsers(db)).find((u) => u.email === 'vera@example.com')!;
    await setUserRole(db, vera.id, 'admin');
    await setUserRole(db, boss.id, 'analyst');
    await expect(removeUser(db, vera.id)).rejects.toThrow(/last admin/);
    expect((await listUsers(db)).map((u) => [u.email, u.role])).toEqual([
      ['boss@example.com', 'analyst'],
      ['vera@example.com', 'admin'],
    ]);
    await removeUser(db, boss.id);
    expect((await listUsers(db)).map((u) => u.email)).toEqual(['vera@example.com']);
    // Removing a user ends their sessions with them.
    expect(await db.prisma.session.count({ where: { userId: boss.id } })).toBe(0);
    await expect(setUserRole(db, boss.id, 'viewer')).rejects.toThrow('That user no longer exists.');
  });

  test('sign-in over HTTP: a wrong password is a 401, and the 11th attempt in a minute from one address a 429', async () => {
    const auth = await authFor(db);
    const attempt = (from: string, password: string) =>
      auth.handler(
        new Request('http://localhost/api/auth/sign-in/email', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: 'http://localhost', 'X-Forwarded-For': from },
          body: JSON.stringify({ email: 'vera@example.com', password }),
        }),
      );
    // The limiter lives in the process: each backend's run of this test has addresses of its own.
    const net = backend.name.includes('PostgreSQL') ? '198.51.100' : '203.0.113';
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await attempt(`${net}.7`, 'not the password')).status);
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    // Another address is not held back, and the right password opens a session with an httpOnly cookie.
    const ok = await attempt(`${net}.8`, PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-cookie')).toMatch(/better-auth\.session_token=[^;]+;.*HttpOnly/i);
  }, 120_000);

  test('the admin from SEGMENTA_ADMIN_EMAIL / SEGMENTA_ADMIN_PASSWORD on an empty database', async () => {
    const fresh = await backend.open();
    try {
      await expect(ensureFirstAdmin(fresh, { SEGMENTA_ADMIN_EMAIL: 'ops@example.com' })).rejects.toThrow(/Set both SEGMENTA_ADMIN_EMAIL and SEGMENTA_ADMIN_PASSWORD/);
      expect(await ensureFirstAdmin(fresh, { SEGMENTA_ADMIN_EMAIL: 'Ops@Example.com', SEGMENTA_ADMIN_PASSWORD: PASSWORD })).toEqual({ kind: 'created', email: 'ops@example.com' });
      expect((await listUsers(fresh)).map((u) => [u.email, u.name, u.role])).toEqual([['ops@example.com', 'Admin', 'admin']]);
      expect(await fresh.prisma.authSetting.count({ where: { key: 'setup_code' } })).toBe(0);
    } finally {
      await fresh.close();
    }
  }, 120_000);
});
