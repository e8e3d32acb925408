import { defineConfig } from 'vitest/config';

// Tests talk to real servers on 127.0.0.1:0 and real sql.js databases in temp dirs.
// Two cores: run files in forks, at most two at a time.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
