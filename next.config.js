/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // `npm test` type-checks the whole project with tsc first; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  // Loaded from node_modules at run time: PGlite finds its WebAssembly files next to its code.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', 'pg', 'pg-copy-streams', '@prisma/adapter-pg', '@prisma/client'],
};

export default nextConfig;
