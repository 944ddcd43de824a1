import Link from 'next/link';
import { forbiddenMessage, type Role } from '@/lib/server/auth/roles';

/** What a signed-in user without the page's role sees (403). */
export function Forbidden({ needed }: { needed: Role }) {
  return (
    <section className="max-w-xl space-y-3">
      <h1 className="text-2xl font-semibold text-slate-900">Not allowed (403)</h1>
      <p className="text-slate-700">{forbiddenMessage(needed)}</p>
      <p>
        <Link href="/" className="text-indigo-700 underline">
          Back to the overview
        </Link>
      </p>
    </section>
  );
}
