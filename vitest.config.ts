import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) },
  },
  test: {
    include: ["test/**/*.test.{ts,tsx}", "app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "emails/**/*.test.ts"],
    // Server-only suites need the PostgreSQL server (DATABASE_URL); the PGlite run leaves them out.
    exclude: ["test/e2e/**", "node_modules/**", ...(process.env.DATABASE_URL ? [] : ["test/server-only/**"])],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup.ts"],
    pool: "forks",
    // One worker per core. Vitest's default leaves a core to itself (one worker on a 2-core
    // machine), but its main process is nearly idle and the files often wait on sockets and timers.
    maxWorkers: availableParallelism(),
    // Each worker process keeps its imported modules from one test file to the next: importing the
    // app once per worker, not once per file, roughly halves the suite's CPU time. Files still never
    // share data, since each opens its own database (test/db.ts) and app modules key their caches
    // by database.
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // CI only: a test that fails once is tried again, and test/flaky-reporter.ts names it if it
    // then passes, so one flake does not stop a landing and is still seen.
    retry: process.env.CI ? 1 : 0,
  },
});
