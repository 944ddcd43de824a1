import Link from 'next/link';
import { MenuForgetsUrl } from '@/components/nav/main-nav';
import { NOT_FOUND_TITLE } from '@/lib/format/page-title';

export const metadata = { title: NOT_FOUND_TITLE };

/** What an unknown page, run or customer answers: a plain message and the way back to the latest results. */
export default function NotFound() {
  return (
    <div className="max-w-2xl">
      <MenuForgetsUrl />
      <h1 className="mb-2 text-2xl font-semibold">Not found</h1>
      <p className="mb-4 text-slate-600">
        There is nothing at this address. A link that names a run that does not exist (or was deleted with its dataset) ends here, so you never see another
        dataset’s numbers by mistake; so does a link that was cut short or mistyped. Check the link, or start again from the menu.
      </p>
      <Link href="/" className="font-medium text-indigo-700 underline">
        Open the latest results
      </Link>
    </div>
  );
}
