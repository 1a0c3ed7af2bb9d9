import path from "node:path";
import { defineConfig } from "@playwright/test";
import { storyServerPort, storyWorkers, thisWorkersServerPort } from "./test/e2e/story-servers.ts";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// A fresh embedded database per server and run, seeded with the demo network, so stories start from a
// known state. Without E2E_DATA_DIR (npm test sets one) the run reuses .tmp/e2e-data, emptied first.
const dataDir = process.env.E2E_DATA_DIR ?? path.resolve(".tmp/e2e-data");

export default defineConfig({
  testDir: "test/e2e",
  // A file's stories run in order in one worker; files run side by side, one per story server.
  fullyParallel: false,
  workers: storyWorkers,
  // CI only: a story that fails is run once more, with a trace (recording one for every story cost a
  // quarter of the run's CPU); test/run.mjs names it as flaky if it then passes, so it is still seen.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  use: {
    baseURL: `http://127.0.0.1:${thisWorkersServerPort()}`,
    screenshot: "only-on-failure",
    trace: "on-first-retry",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: Array.from({ length: storyWorkers }, (_, index) => storyServer(storyServerPort(index), index)),
});

function storyServer(port: number, index: number) {
  const serverDataDir = path.join(dataDir, `server-${index}`);
  return {
    command: `rm -rf '${serverDataDir}' && npx tsx server.ts`,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    // Migrating and seeding the demo network: about 8 s on an idle 2-core machine, longer for two at once.
    timeout: 180_000,
    stdout: "pipe" as const,
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: serverDataDir,
      NODE_ENV: "test",
      WORKER_INTERVAL_MS: "200",
      // A line per request would bury the stories' own output; warnings and errors still show.
      LOG_LEVEL: "warn",
      // Browser tests never reach postcodes.io: nothing listens on port 9, so it behaves as if it were down.
      POSTCODES_API_URL: "http://127.0.0.1:9",
      // As behind a load balancer: stories may give each browser its own client address (X-Forwarded-For).
      TRUST_PROXY: "1",
      // The stories sign the same demo accounts in many times within 15 minutes; the limits
      // themselves are tested in test/sign-in.test.ts.
      SIGN_IN_LIMIT_PER_EMAIL: "1000",
      SIGN_IN_LIMIT_PER_IP: "1000",
      // The consultation radar reads GOV.UK and Citizen Space from the fixture server its story starts.
      GOVUK_API_URL: `http://127.0.0.1:${port + 1}`,
      CITIZEN_SPACE_SITES: `scotland=http://127.0.0.1:${port + 1}/scot`,
      CONSULTATION_DAILY_SYNC: "false",
      // "Your evidence was used" emails go on the worker's next tick instead of waiting for 16:00.
      EVIDENCE_EMAIL_HOUR: "0",
    },
  };
}
