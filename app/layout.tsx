import type { ReactNode } from 'react';
import Link from 'next/link';
import './globals.css';

export const metadata = {
  title: { default: 'Segmenta', template: '%s · Segmenta' },
  description: 'Customer segmentation and lifetime value from transaction logs',
};

const NAV = [
  { href: '/', label: 'Overview' },
  { href: '/segments', label: 'Segments' },
  { href: '/clusters', label: 'Clusters' },
  { href: '/lifetime-value', label: 'Lifetime value' },
  { href: '/customers', label: 'Customers' },
  { href: '/audiences', label: 'Audiences' },
  { href: '/data', label: 'Data' },
];

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-7xl items-center gap-8 px-6 py-3">
            <Link href="/" className="text-lg font-semibold tracking-tight text-indigo-700">
              Segmenta
            </Link>
            <nav aria-label="Main" className="flex gap-5 text-sm">
              {NAV.map((item) => (
                <Link key={item.href} href={item.href} className="text-slate-600 hover:text-slate-900 focus-visible:outline-2">
                  {item.label}
                </Link>
              ))}
            </nav>
          </div>
        </header>
        <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
      </body>
    </html>
  );
}
