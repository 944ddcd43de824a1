import { apiError } from '@/lib/server/api/api-error';
import { getAuth } from '@/lib/server/auth/auth';
import { signInRequiredHere } from '@/lib/server/auth/auth-mode';

export const dynamic = 'force-dynamic';

// access: public. Signing in is what this route is for; only these Better Auth endpoints are
// routed (no sign-up, no admin endpoints: admins manage users on /users, which keeps the last admin).
const ROUTED = new Set(['/api/auth/sign-in/email', '/api/auth/sign-out', '/api/auth/get-session']);

async function handle(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (!signInRequiredHere() || !ROUTED.has(pathname)) {
    return apiError('There is no such page.', 404);
  }
  return (await getAuth()).handler(request);
}

export const GET = handle;
export const POST = handle;
