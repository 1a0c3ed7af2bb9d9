import net from "node:net";
import { describe, expect, test } from "vitest";
import { FORM_MAX_BYTES } from "~/utils/form-body.server.ts";
import { openTestDb } from "./db.ts";
import { startTestApp } from "./harness.ts";

const database = await openTestDb();
const site = await startTestApp(database);
const { hostname, port } = new URL(site.url);
const host = `${hostname}:${port}`;

interface Exchange {
  /** The status line of every answer the socket got, in order. */
  statuses: number[];
  /** Every header block, lower-cased. */
  heads: string[];
}

/**
 * Writes `requests` on one raw keep-alive socket, as a client that pipelines (or a proxy reusing a
 * connection) does, and reads until the server closes or goes quiet. Only status lines are parsed:
 * enough to see whether the leftover of a refused body was read as a request of its own.
 */
function exchange(requests: (string | Buffer)[], quietMs = 1500): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString("latin1");
      const heads = [...text.matchAll(/HTTP\/1\.1 (\d{3})[^\r]*\r\n([\s\S]*?)\r\n\r\n/g)];
      resolve({
        statuses: heads.map((m) => Number(m[1])),
        heads: heads.map((m) => (m[2] ?? "").toLowerCase()),
      });
    };
    const quiet = () => {
      clearTimeout(timer);
      timer = setTimeout(finish, quietMs);
    };
    socket.on("data", (chunk) => {
      chunks.push(chunk);
      quiet();
    });
    socket.on("close", finish);
    socket.on("error", (error: NodeJS.ErrnoException) => {
      // The server may close while the rest is still being written: what it answered still counts.
      if (error.code === "EPIPE" || error.code === "ECONNRESET") finish();
      else reject(error);
    });
    socket.on("connect", () => {
      for (const request of requests) socket.write(request);
      quiet();
    });
  });
}

const post = (path: string, headers: Record<string, string>, body: string | Buffer) =>
  Buffer.concat([
    Buffer.from(
      `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${site.url}\r\n` +
        Object.entries({ "Content-Length": String(Buffer.byteLength(body)), ...headers })
          .map(([name, value]) => `${name}: ${value}\r\n`)
          .join("") +
        "\r\n",
    ),
    Buffer.isBuffer(body) ? body : Buffer.from(body),
  ]);
const getHealth = `GET /healthz HTTP/1.1\r\nHost: ${host}\r\n\r\n`;

/** After a refusal: either the next request is answered as itself, or the server closed and said so. */
function expectNoGarbage({ statuses, heads }: Exchange, refusal: number) {
  expect(statuses[0]).toBe(refusal);
  if (statuses.length === 1) expect(heads[0]).toMatch(/^connection: close$/m);
  else expect(statuses).toEqual([refusal, 200]);
}

describe("a refused body does not spill into the next request on the same connection", () => {
  test("a form over the limit (413), followed by a GET", async () => {
    const body = `email=${"a".repeat(FORM_MAX_BYTES + 10)}`;
    const answer = await exchange([
      post("/login", { "Content-Type": "application/x-www-form-urlencoded" }, body),
      getHealth,
    ]);
    expectNoGarbage(answer, 413);
  });

  test("JSON instead of a form (415), followed by a GET", async () => {
    const body = JSON.stringify({ email: "a@example.org", padding: "GET / HTTP/1.1\r\n".repeat(1000) });
    const answer = await exchange([post("/login", { "Content-Type": "application/json" }, body), getHealth]);
    expectNoGarbage(answer, 415);
  });

  test("a body whose requests are refused before Remix (bad Host, cross-site), followed by a GET", async () => {
    const body = `email=${"GET /x HTTP/1.1\r\n".repeat(4000)}`;
    const crossSite = await exchange([
      post(
        "/login",
        { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
        body,
      ),
      getHealth,
    ]);
    expectNoGarbage(crossSite, 403);
  });

  test("a form a route answers without reading (a stranger on a staff page), followed by a GET", async () => {
    const body = `name=${"a".repeat(FORM_MAX_BYTES - 100)}`;
    const answer = await exchange([
      post("/directory/new", { "Content-Type": "application/x-www-form-urlencoded" }, body),
      getHealth,
    ]);
    expect(answer.statuses[0]).toBeGreaterThanOrEqual(300);
    expect(answer.statuses[0]).toBeLessThan(500);
    expectNoGarbage(answer, answer.statuses[0] ?? 0);
  });

  test("a declared length far past what is worth reading is answered and the connection closed", async () => {
    const head = post(
      "/login",
      { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(512 * 1024 * 1024) },
      "",
    );
    const answer = await exchange([head, `email=${"a".repeat(64 * 1024)}`]);
    expect(answer.statuses).toEqual([413]);
    expect(answer.heads[0]).toMatch(/^connection: close$/m);
  });
});
