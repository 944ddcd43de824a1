import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from '../db/database';
import { createUser, countUsers, type NewUser } from './user-service';

const SETUP_CODE_KEY = 'setup_code';

export type FirstAdminOutcome = { kind: 'exists' } | { kind: 'created'; email: string } | { kind: 'setup'; code: string };

/**
 * First start with sign-in required: with no users yet, create the admin from
 * SEGMENTA_ADMIN_EMAIL / SEGMENTA_ADMIN_PASSWORD, or else keep a one-time code that the /setup
 * page asks for (printed in the server log, so only someone who sees the log can use the page).
 */
export async function ensureFirstAdmin(db: Database, env: Readonly<Record<string, string | undefined>> = process.env): Promise<FirstAdminOutcome> {
  if ((await countUsers(db)) > 0) {
    await db.prisma.authSetting.deleteMany({ where: { key: SETUP_CODE_KEY } });
    return { kind: 'exists' };
  }
  const email = env.SEGMENTA_ADMIN_EMAIL?.trim();
  const password = env.SEGMENTA_ADMIN_PASSWORD;
  if (email && password) {
    await createUser(db, { email, password, name: env.SEGMENTA_ADMIN_NAME?.trim() || 'Admin', role: 'admin' });
    return { kind: 'created', email: email.toLowerCase() };
  }
  if (email || password) throw new Error('Set both SEGMENTA_ADMIN_EMAIL and SEGMENTA_ADMIN_PASSWORD (or neither, to create the first admin on the /setup page).');
  await db.prisma.authSetting.createMany({ data: [{ key: SETUP_CODE_KEY, value: randomBytes(6).toString('hex') }], skipDuplicates: true });
  const row = await db.prisma.authSetting.findUniqueOrThrow({ where: { key: SETUP_CODE_KEY } });
  return { kind: 'setup', code: row.value };
}

/** True while nobody has an account: the /setup page exists only then. */
export async function setupOpen(db: Database): Promise<boolean> {
  return (await countUsers(db)) === 0;
}

export class SetupError extends Error {
  override name = 'SetupError';
}

/** Create the first admin from the /setup form; the code is the one printed at start-up. */
export async function createFirstAdmin(db: Database, code: string, admin: Omit<NewUser, 'role'>): Promise<void> {
  if (!(await setupOpen(db))) throw new SetupError('Setup is finished: sign in instead.');
  const row = await db.prisma.authSetting.findUnique({ where: { key: SETUP_CODE_KEY } });
  const given = Buffer.from(code.trim().toLowerCase());
  const expected = Buffer.from(row?.value ?? '');
  if (!row || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new SetupError('That setup code is wrong: copy the code from the server log ("Segmenta: sign-in is required...").');
  }
  // Deleting the code first means two forms sent at once cannot both create an admin.
  const { count } = await db.prisma.authSetting.deleteMany({ where: { key: SETUP_CODE_KEY, value: row.value } });
  if (count !== 1) throw new SetupError('Setup is finished: sign in instead.');
  await createUser(db, { ...admin, role: 'admin' });
}
