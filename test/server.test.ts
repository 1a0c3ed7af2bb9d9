import { spawn } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { backupDatabase } from "../db/backup/commands.ts";
import { backupSocketPath } from "../db/backup/socket.ts";

// The real server process (test/global-setup.ts has built the app), embedded database, then
// SIGTERM in the middle of a request.
let dataDir = "";
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "mv-server-test-"));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await rm(`${dataDir}-backup.tar.gz`, { force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

test(
  "the server logs JSON lines, answers npm run db:backup on its socket, and on SIGTERM lets a request in flight finish, then exits cleanly",
  { timeout: 120_000 },
  async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SEED_DEMO: "false", DATABASE_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await expect.poll(() => output, { timeout: 90_000, interval: 200 }).toContain("Mutual Voice is ready");

    // The embedded database is the server's alone: the backup comes from it, over a socket only
    // this user may open.
    expect((await stat(backupSocketPath(dataDir))).mode & 0o777).toBe(0o600);
    const backup = await backupDatabase({ dataDir }, `${dataDir}-backup.tar.gz`);
    expect(backup.via).toBe("running server");
    expect(backup.bytes).toBeGreaterThan(100_000);

    // Half a form post: the server is waiting for the rest of the body when SIGTERM arrives. Asking
    // to continue first makes the server say when it has the request: it answers 100 Continue.
    const body = "email=nobody%40example.org";
    const socket = connect(port, "127.0.0.1");
    let response = "";
    socket.on("data", (chunk) => (response += chunk.toString()));
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write(
      `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
        `Content-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`,
    );
    await expect.poll(() => response, { timeout: 10_000 }).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\n/);
    response = "";
    socket.write(body.slice(0, 10));
    child.kill("SIGTERM");
    await expect.poll(() => output, { timeout: 10_000 }).toContain("SIGTERM: finishing requests in flight");
    socket.write(body.slice(10));

    await expect.poll(() => response, { timeout: 15_000 }).toMatch(/^HTTP\/1\.1 302 Found/);
    expect(response).toMatch(/location: \/login\/sent/i);
    socket.end();
    expect(await exited).toBe(0);
    // Nothing listens any more (a raw socket: msw would intercept fetch).
    const refused = await new Promise<string>((resolve) => {
      const probe = connect(port, "127.0.0.1");
      probe.once("connect", () => resolve("connected"));
      probe.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    });
    expect(refused).toBe("ECONNREFUSED");

    // Every line is a JSON object; the request line for the form post names no one.
    const entries = output
      .split("\n")
      .filter(Boolean)
      .map((line): Record<string, unknown> => ({ ...JSON.parse(line) }));
    expect(entries).toContainEqual(
      expect.objectContaining({ msg: "request", method: "POST", route: "routes/login", status: 302 }),
    );
    expect(output).not.toContain("nobody");
  },
);
