/** Headers for every response, static files included; the Content-Security-Policy, which needs a nonce per page, is set in proxy.ts. */
const SECURITY_HEADERS = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` type-checks the whole project with tsc first; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  // Loaded from node_modules at run time: PGlite finds its WebAssembly files next to its code.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', 'pg', 'pg-copy-streams', '@prisma/adapter-pg', '@prisma/client'],
  experimental: {
    // forbidden() answers a page the user's role does not allow with HTTP 403 and app/forbidden.tsx.
    authInterrupts: true,
    // proxy.ts answers a larger action with a readable 413 before Next would answer 500.
    serverActions: { bodySizeLimit: '1mb' },
  },
  async headers() {
    return [{ source: '/:path*', headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
