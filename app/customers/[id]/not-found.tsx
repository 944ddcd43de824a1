import Link from 'next/link';

export default function CustomerNotFound() {
  return (
    <div>
      <h1 className="mb-2 text-2xl font-semibold">Customer not found</h1>
      <p className="mb-4 text-slate-600">This run has no customer with that id. It may belong to another dataset or run.</p>
      <Link href="/customers" className="text-indigo-700 underline">
        Back to all customers
      </Link>
    </div>
  );
}
