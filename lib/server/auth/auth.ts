// Better Auth on Segmenta's Prisma client: e-mail and password (scrypt hashes), sessions in the
// auth_session table, roles through the admin plugin. Not server-only: start-up (instrumentation)
// creates the first admin through it too.
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { nextCookies } from 'better-auth/next-js';
import { admin } from 'better-auth/plugins/admin';
import { adminAc, defaultStatements, userAc } from 'better-auth/plugins/admin/access';
import { createAccessControl } from 'better-auth/plugins/access';
import { getDatabase, type Database } from '../db/database';
import type { PrismaClient } from '../db/generated/client';
import { getOrCreateAuthSecret } from './auth-secret';
import { MIN_PASSWORD_LENGTH } from './password-rules';

const accessControl = createAccessControl(defaultStatements);

/** Sessions last a week and are extended once a day while in use. */
const SESSION_SECONDS = 7 * 24 * 60 * 60;

function buildAuth(prisma: PrismaClient, secret: string) {
  return betterAuth({
    appName: 'Segmenta',
    secret,
    baseURL: process.env.BETTER_AUTH_URL || undefined,
    // Without BETTER_AUTH_URL, a form is trusted when its Origin is the host it was sent to (the
    // request's own URL says "localhost" whatever the browser used). BETTER_AUTH_TRUSTED_ORIGINS adds more.
    trustedOrigins: (request) => {
      const host = request?.headers.get('host');
      return process.env.BETTER_AUTH_URL || !host ? [] : [`http://${host}`, `https://${host}`];
    },
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
    // Secure cookies need HTTPS: on when BETTER_AUTH_URL is https:// (behind a TLS proxy), off on plain HTTP.
    advanced: { useSecureCookies: (process.env.BETTER_AUTH_URL ?? '').startsWith('https://') },
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

const built = new WeakMap<PrismaClient, Promise<SegmentaAuth>>();

/** Better Auth on `db` (one instance per database client). */
export function authFor(db: Pick<Database, 'prisma'>): Promise<SegmentaAuth> {
  let auth = built.get(db.prisma);
  if (!auth) {
    auth = getOrCreateAuthSecret(db.prisma).then((secret) => buildAuth(db.prisma, secret));
    auth.catch(() => built.delete(db.prisma));
    built.set(db.prisma, auth);
  }
  return auth;
}

/** The process-wide Better Auth instance on the process-wide database. */
export async function getAuth(): Promise<SegmentaAuth> {
  return authFor(await getDatabase());
}
