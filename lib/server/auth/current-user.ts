// The one place pages, route handlers and server actions ask who is asking and whether they may.
import 'server-only';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { apiError } from '../api/api-error';
import { getAuth } from './auth';
import { signInRequiredHere } from './auth-mode';
import { forbiddenMessage, hasRole, LOCAL_USER, parseRole, SIGN_IN_MESSAGE, type CurrentUser, type Role } from './roles';

/** The signed-in user (the local admin when sign-in is off); null when nobody is signed in. Once per request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  if (!signInRequiredHere()) return LOCAL_USER;
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: await headers() });
  if (!session) return null;
  const { user } = session;
  const expires = new Date(session.session.expiresAt).getTime();
  return { id: user.id, email: user.email, name: user.name, role: parseRole(user.role), local: false, ...(Number.isFinite(expires) ? { sessionExpiresAt: expires } : {}) };
});

export type Access = { ok: true; user: CurrentUser } | { ok: false; status: 401 | 403; message: string };

/** Whether the current user has `role`; for server actions, which return `message` to the form. */
export async function requireRole(role: Role): Promise<Access> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, status: 401, message: SIGN_IN_MESSAGE };
  if (!hasRole(user.role, role)) return { ok: false, status: 403, message: forbiddenMessage(role) };
  return { ok: true, user };
}

/** For pages: redirects to /sign-in when nobody is signed in; answers 403 (app/forbidden.tsx) when the user lacks `role`. */
export async function requirePageRole(role: Role): Promise<CurrentUser> {
  const access = await requireRole(role);
  if (access.ok) return access.user;
  if (access.status === 401) redirect('/sign-in');
  forbidden();
}

/** For route handlers: the user, or the 401 / 403 JSON answer to return. */
export async function requireRouteRole(role: Role): Promise<CurrentUser | Response> {
  const access = await requireRole(role);
  if (access.ok) return access.user;
  return apiError(access.message, access.status);
}
