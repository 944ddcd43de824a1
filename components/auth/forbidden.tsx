import Link from 'next/link';
import { ROLE_DESCRIPTIONS, ROLES, type Role } from '@/lib/server/auth/roles';

/** What a signed-in user whose role does not allow a page sees, with HTTP 403 (app/forbidden.tsx). */
export function Forbidden({ role }: { role: Role | null }) {
  return (
    <section className="max-w-xl space-y-3">
      <h1 className="text-2xl font-semibold text-slate-900">Not allowed (403)</h1>
      <p className="text-slate-700">
        {role ? `Your role, ${role}, does not allow this page.` : 'Your role does not allow this page.'} Ask an admin to give you the role it needs.
      </p>
      <ul className="list-disc pl-5 text-sm text-slate-600">
        {ROLES.map((r) => (
          <li key={r}>{ROLE_DESCRIPTIONS[r]}</li>
        ))}
      </ul>
      <p>
        <Link href="/" className="text-indigo-700 underline">
          Back to the overview
        </Link>
      </p>
    </section>
  );
}
