import type { Metadata } from 'next';
import { requirePageRole } from '@/lib/server/auth/current-user';
import { ROLE_DESCRIPTIONS, ROLES } from '@/lib/server/auth/roles';
import { listUsers } from '@/lib/server/auth/user-service';
import { getDatabase } from '@/lib/server/db/client';
import { AddUserForm } from './add-user-form';
import { UserRow } from './user-row';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const user = await requirePageRole('admin');
  if (user.local) {
    return (
      <section className="max-w-2xl space-y-3">
        <h1 className="text-2xl font-semibold">Users</h1>
        <p className="text-slate-700">
          Sign-in is off: Segmenta listens on this machine only and you are its local admin. Users and roles apply when sign-in is required (started with
          HOST set to a network address, or SEGMENTA_AUTH=required); see the README.
        </p>
      </section>
    );
  }
  const users = await listUsers(await getDatabase());
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Users</h1>
      <section aria-labelledby="user-list">
        <h2 id="user-list" className="mb-3 text-lg font-semibold">
          Who can sign in
        </h2>
        <table className="w-full max-w-4xl text-left text-sm">
          <thead className="border-b border-slate-200 text-slate-500">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">E-mail address</th>
              <th scope="col" className="py-2 pr-4 font-medium">Name</th>
              <th scope="col" className="py-2 pr-4 font-medium">Role</th>
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <UserRow key={u.id} user={u} isYou={u.id === user.id} />
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="add-user" className="max-w-md">
        <h2 id="add-user" className="mb-3 text-lg font-semibold">
          Add a user
        </h2>
        <AddUserForm />
        <ul className="mt-4 space-y-1 text-sm text-slate-500">
          {ROLES.map((r) => (
            <li key={r}>{ROLE_DESCRIPTIONS[r]}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
