import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['lib/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // Set-up hooks open and migrate a database or analyse the demo: seconds alone, longer on a busy 2-core machine.
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
