import Link from 'next/link';

export const metadata = { title: 'Set-up closed · Segmenta' };

/** What /setup answers (404) once an admin exists, when sign-in is off, or from another machine. */
export default function SetupClosed() {
  return (
    <div className="max-w-2xl">
      <h1 className="mb-2 text-2xl font-semibold">Set-up is closed</h1>
      <p className="mb-4 text-slate-600">
        The first admin is created here only once, from the machine the server runs on, with the code printed in its log. An admin already exists, sign-in is
        off, or this request came from another machine. Sign in with your account, or ask an admin to add you on the Users page.
      </p>
      <Link href="/sign-in" className="font-medium text-indigo-700 underline">
        Sign in
      </Link>
    </div>
  );
}
