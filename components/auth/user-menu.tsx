import Link from 'next/link';
import { signOutAction } from '@/lib/actions/sign-out-action';
import { getCurrentUser } from '@/lib/server/auth/current-user';

function UsersLink() {
  return (
    <Link href="/users" className="text-slate-600 hover:text-slate-900">
      Users
    </Link>
  );
}

/** Who is signed in, with Users (admins, the local one included) and Sign out; "Local user" when sign-in is off. */
export async function UserMenu() {
  const user = await getCurrentUser();
  if (!user) return null;
  if (user.local) {
    return (
      <div className="ml-auto flex items-center gap-4 text-sm">
        {user.role === 'admin' && <UsersLink />}
        <p className="text-slate-500">Local user</p>
      </div>
    );
  }
  return (
    <div className="ml-auto flex items-center gap-4 text-sm">
      {user.role === 'admin' && <UsersLink />}
      <span className="text-slate-600">
        Signed in as <span className="font-medium text-slate-900">{user.email}</span> ({user.role})
      </span>
      <form action={signOutAction}>
        <button type="submit" className="rounded border border-slate-300 px-2 py-1 text-slate-700 hover:bg-slate-50 focus-visible:outline-2">
          Sign out
        </button>
      </form>
    </div>
  );
}
