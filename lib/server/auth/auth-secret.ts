import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../db/generated/client';

const SECRET_KEY = 'session_secret';

/**
 * The secret that signs session cookies: BETTER_AUTH_SECRET when set, else one generated on the
 * first start and kept in the database, so every instance on the same database shares it and
 * sessions survive restarts.
 */
export async function getOrCreateAuthSecret(prisma: PrismaClient, env: Readonly<Record<string, string | undefined>> = process.env): Promise<string> {
  const fromEnv = env.BETTER_AUTH_SECRET?.trim();
  if (fromEnv) return fromEnv;
  await prisma.authSetting.createMany({ data: [{ key: SECRET_KEY, value: randomBytes(32).toString('base64url') }], skipDuplicates: true });
  const row = await prisma.authSetting.findUniqueOrThrow({ where: { key: SECRET_KEY } });
  return row.value;
}
