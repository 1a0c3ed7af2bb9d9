// Memory under oversized bodies, against the BUILT app: ten 64 MB form posts to /login at once,
// with no sign-in, while the server's resident memory is sampled. Each must be answered 413 without
// the body being held (issue 15: one such post used to cost ~800 MB). Target: a rise within 100 MB.
//
//   npx tsx test/bench/big-bodies.ts   (PGlite in a throwaway DATA_DIR; needs build/, npm run build)
//
// Settings: BIG_BODIES (posts sent at once, default 10), BIG_BODY_MB (size of each, default 64).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

const count = Number(process.env.BIG_BODIES ?? 10);
const megabytes = Number(process.env.BIG_BODY_MB ?? 64);
if (!existsSync("build/index.js")) throw new Error("build/index.js is missing: run npm run build first");

const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, "127.0.0.1", () => {
    const address = probe.address();
    probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
  });
});
const url = `http://127.0.0.1:${port}`;
const dataDir = await mkdtemp(path.join(os.tmpdir(), "mv-big-bodies-"));
const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
  env: {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    RUN_WORKER: "false",
    SEED_DEMO: "false",
    APP_URL: url,
  },
  stdio: "ignore",
});
const exited = new Promise((resolve) => child.once("exit", resolve));

/** Resident memory of the server process in MB, as the kernel counts it. */
async function rssMb(): Promise<number> {
  const status = await readFile(`/proc/${child.pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

try {
  const started = Date.now();
  for (;;) {
    const up = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() - started > 120_000) throw new Error("The app did not answer /healthz within 120 s");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  // Warm the sign-in page and its action once, then let the heap settle.
  await fetch(`${url}/login`).then((response) => response.arrayBuffer());
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const idle = await rssMb();

  let peak = idle;
  const sampler = setInterval(() => {
    void rssMb().then(
      (mb) => (peak = Math.max(peak, mb)),
      () => undefined,
    );
  }, 25);
  const body = `email=${"a".repeat(megabytes * 1024 * 1024)}`;
  const sentAt = performance.now();
  const statuses = await Promise.all(
    Array.from({ length: count }, () =>
      fetch(`${url}/login`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url },
        body,
      }).then(
        async (response) => {
          await response.arrayBuffer();
          return String(response.status);
        },
        (error: unknown) => `failed (${String(error)})`,
      ),
    ),
  );
  const seconds = (performance.now() - sentAt) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 500));
  clearInterval(sampler);

  console.log(
    `${count} × ${megabytes} MB form posts to /login at once, no sign-in, in ${seconds.toFixed(1)} s`,
  );
  console.log(`answers:            ${statuses.join(", ")}`);
  console.log(`resident idle:      ${idle.toFixed(0)} MB`);
  console.log(`resident peak:      ${peak.toFixed(0)} MB`);
  console.log(`rise:               ${(peak - idle).toFixed(0)} MB (target: within 100 MB)`);
} finally {
  child.kill("SIGTERM");
  await exited;
  await rm(dataDir, { recursive: true, force: true });
}
