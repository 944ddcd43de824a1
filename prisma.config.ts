// Prisma CLI configuration. The app applies migrations itself (lib/server/db/apply-migrations.ts);
// `prisma migrate deploy` works too against a PostgreSQL server named by DATABASE_URL.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
