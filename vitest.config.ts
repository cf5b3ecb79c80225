import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/globalSetup.ts', 'tests/support/consoleBuild.ts'],
    // Files run in separate processes so each can point its functions at its own tables.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
