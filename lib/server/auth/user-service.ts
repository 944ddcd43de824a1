// Users and their roles. Creating a user goes through Better Auth (it hashes the password and
// writes the credential account); roles and removal are plain rows, guarded so that the last
// admin can be neither demoted nor removed.
import { APIError } from 'better-auth/api';
import type { Database } from '../db/database';
import { authFor } from './auth';
import { parseRole, type Role } from './roles';

export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
}

export class UserRuleError extends Error {
  override name = 'UserRuleError';
}

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: Role;
}

export async function listUsers(db: Database): Promise<UserDto[]> {
  const users = await db.prisma.user.findMany({ orderBy: [{ email: 'asc' }] });
  return users.map((u) => ({ id: u.id, email: u.email, name: u.name, role: parseRole(u.role), createdAt: u.createdAt.toISOString() }));
}

export async function countUsers(db: Database): Promise<number> {
  return db.prisma.user.count();
}

/** Create a user who signs in with `email` and `password`. Throws UserRuleError with a readable message. */
export async function createUser(db: Database, input: NewUser): Promise<UserDto> {
  const email = input.email.trim().toLowerCase();
  if (await db.prisma.user.findUnique({ where: { email } })) throw new UserRuleError(`There is already a user ${email}.`);
  const auth = await authFor(db);
  try {
    const { user } = await auth.api.createUser({ body: { email, name: input.name.trim(), password: input.password, role: input.role } });
    return { id: user.id, email: user.email, name: user.name, role: parseRole(user.role), createdAt: new Date(user.createdAt).toISOString() };
  } catch (error) {
    if (error instanceof APIError) throw new UserRuleError(error.message || 'The user could not be created.');
    throw error;
  }
}

// Locks every admin row, so two admins demoting each other at once cannot both succeed.
async function lockAdmins(tx: Parameters<Parameters<Database['prisma']['$transaction']>[0]>[0]): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM app_user WHERE role = 'admin' FOR UPDATE`;
  return rows.map((r) => r.id);
}

/** Give a user another role; refuses to demote the last admin. */
export async function setUserRole(db: Database, userId: string, role: Role): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    const admins = await lockAdmins(tx);
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new UserRuleError('That user no longer exists.');
    if (role !== 'admin' && admins.includes(userId) && admins.length <= 1) {
      throw new UserRuleError(`${user.email} is the last admin: make another user admin first.`);
    }
    await tx.user.update({ where: { id: userId }, data: { role } });
  });
}

/** Remove a user and their sessions; refuses to remove the last admin. Their runs and exports keep their e-mail address. */
export async function removeUser(db: Database, userId: string): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    const admins = await lockAdmins(tx);
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new UserRuleError('That user no longer exists.');
    if (admins.includes(userId) && admins.length <= 1) throw new UserRuleError(`${user.email} is the last admin and cannot be removed.`);
    await tx.user.delete({ where: { id: userId } });
  });
}
