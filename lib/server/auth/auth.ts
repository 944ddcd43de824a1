// Better Auth on Segmenta's Prisma client: e-mail and password (scrypt hashes), sessions in the
// auth_session table, roles through the admin plugin. Not server-only: start-up (instrumentation)
// creates the first admin through it too.
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { nextCookies } from 'better-auth/next-js';
import { admin } from 'better-auth/plugins/admin';
import { adminAc, defaultStatements, userAc } from 'better-auth/plugins/admin/access';
import { createAccessControl } from 'better-auth/plugins/access';
import { getDatabase } from '../db/database';
import type { PrismaClient } from '../db/generated/client';
import { getOrCreateAuthSecret } from './auth-secret';

const accessControl = createAccessControl(defaultStatements);

/** Sessions last a week and are extended once a day while in use. */
const SESSION_SECONDS = 7 * 24 * 60 * 60;

export const MIN_PASSWORD_LENGTH = 10;

function buildAuth(prisma: PrismaClient, secret: string) {
  return betterAuth({
    appName: 'Segmenta',
    secret,
    baseURL: process.env.BETTER_AUTH_URL || undefined,
    trustedOrigins: process.env.BETTER_AUTH_TRUSTED_ORIGINS?.split(',').map((o) => o.trim()).filter(Boolean),
    database: prismaAdapter(prisma, { provider: 'postgresql', transaction: false }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: MIN_PASSWORD_LENGTH, maxPasswordLength: 256 },
    session: { expiresIn: SESSION_SECONDS, updateAge: 24 * 60 * 60 },
    rateLimit: {
      enabled: true,
      window: 60,
      max: 300,
      customRules: { '/sign-in/email': { window: 60, max: 10 } },
    },
    telemetry: { enabled: false },
    plugins: [
      admin({
        ac: accessControl,
        // Admins manage users through Segmenta's own actions (which keep the last admin); the
        // plugin's HTTP endpoints are not routed (app/api/auth/[...all]/route.ts).
        roles: { admin: adminAc, analyst: userAc, viewer: userAc },
        defaultRole: 'viewer',
        adminRoles: ['admin'],
      }),
      nextCookies(),
    ],
  });
}

export type SegmentaAuth = ReturnType<typeof buildAuth>;

const globalForAuth = globalThis as unknown as { segmentaAuth?: Promise<SegmentaAuth> };

/** The process-wide Better Auth instance on the process-wide database. */
export function getAuth(): Promise<SegmentaAuth> {
  globalForAuth.segmentaAuth ??= (async () => {
    const { prisma } = await getDatabase();
    return buildAuth(prisma, await getOrCreateAuthSecret(prisma));
  })().catch((error: unknown) => {
    globalForAuth.segmentaAuth = undefined;
    throw error;
  });
  return globalForAuth.segmentaAuth;
}
