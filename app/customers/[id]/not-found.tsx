import Link from 'next/link';

export const metadata = { title: 'Customer not found' };

/** An unknown customer, or a customer link naming a run that does not exist. */
export default function CustomerNotFound() {
  return (
    <div className="max-w-2xl">
      <h1 className="mb-2 text-2xl font-semibold">Customer not found</h1>
      <p className="mb-4 text-slate-600">
        This run has no customer with that id, or the link names a run that does not exist. The customer may belong to another dataset or run.
      </p>
      <Link href="/customers" className="font-medium text-indigo-700 underline">
        Open the latest customers
      </Link>
    </div>
  );
}
