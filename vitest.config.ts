import { defineConfig } from 'vitest/config';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['lib/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Two files run at once on two cores, so a test may take twice its time alone (and more under load).
    testTimeout: 120_000,
    // Set-up hooks open and migrate a database or analyse the demo: seconds alone, longer on a busy 2-core machine.
    hookTimeout: 180_000,
    pool: 'forks',
    // Vitest's default is one file at a time on two cores; most files wait on a database or a
    // worker thread part of the time, so two at once finish the suite sooner there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
