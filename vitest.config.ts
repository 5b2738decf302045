import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // Forks isolate tfjs's global engine per file (and suit native modules such as Dawn).
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
