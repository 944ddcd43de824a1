import type { ReactNode } from 'react';
import { Suspense } from 'react';
import Link from 'next/link';
import { UserMenu } from '@/components/auth/user-menu';
import { connection } from 'next/server';
import { MainNav, NavLinks } from '@/components/nav/main-nav';
import './globals.css';

export const metadata = {
  title: { default: 'Segmenta', template: '%s · Segmenta' },
  description: 'Customer segmentation and lifetime value from transaction logs',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, the not-found page too, so Next's inline scripts carry the nonce of the page's Content-Security-Policy (proxy.ts).
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a
          href="#content"
          className="sr-only z-50 rounded bg-indigo-700 px-3 py-2 font-medium text-white focus:not-sr-only focus:fixed focus:left-3 focus:top-3"
        >
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-8 gap-y-2 px-6 py-3">
            <Link href="/" className="text-lg font-semibold tracking-tight text-indigo-700">
              Segmenta
            </Link>
            <Suspense fallback={<NavLinks search="" />}>
              <MainNav />
            </Suspense>
            <Suspense fallback={null}>
              <UserMenu />
            </Suspense>
          </div>
        </header>
        <main id="content" tabIndex={-1} className="mx-auto max-w-7xl px-6 py-8 outline-none">
          {children}
        </main>
      </body>
    </html>
  );
}
