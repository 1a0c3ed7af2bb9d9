import http from "node:http";
import { http as mock, passthrough } from "msw";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPageCache, type PageCache } from "~/utils/page-cache.server.ts";
import { server as mockServer } from "./mocks/server.ts";

// A real HTTP server whose "app" counts renders and puts each response's own nonce in its scripts.
let clock = 1_000_000;
let cache: PageCache;
let renders = 0;
let nonceCounter = 0;
let answer: { status: number; headers: Record<string, string>; body: string } = page();
let gate: Promise<void> = Promise.resolve();
/** Called as the app starts rendering, so a test can wait for a request to get that far. */
let rendering = () => {};
let server: http.Server;
let base = "";

function page(cacheControl = "public, max-age=5, s-maxage=1, stale-while-revalidate=30") {
  return {
    status: 200,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": cacheControl, ETag: 'W/"v1"' },
    body: `<p>Letter £ signed by 120 mutuals</p><script nonce="{nonce}">1</script><script nonce="{nonce}">2</script>`,
  };
}

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    const nonce = `nonce${++nonceCounter}`;
    res.setHeader("Content-Security-Policy", `script-src 'nonce-${nonce}'`);
    if (cache.handle(req, res, nonce)) return;
    if (req.headers["if-none-match"] === 'W/"v1"') {
      res.writeHead(304, { ETag: 'W/"v1"' });
      res.end();
      return;
    }
    renders++;
    rendering();
    await gate;
    // Streamed in two writes, as React's renderer does.
    const body = answer.body.replaceAll("{nonce}", nonce);
    res.writeHead(answer.status, answer.headers);
    res.write(body.slice(0, 20));
    res.end(body.slice(20));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("The test server has no port");
  base = `http://127.0.0.1:${address.port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  gate = Promise.resolve();
  rendering = () => {};
  cache = createPageCache({ now: () => clock, maxEntryBytes: 4096 });
  renders = 0;
  answer = page();
  // This test's server is on loopback and real: let msw pass its requests through.
  mockServer.use(mock.all(`${base}/*`, () => passthrough()));
});

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, { headers });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

describe("the shared page cache", () => {
  it("serves a public page from memory, each copy with its own nonce in the page and the policy", async () => {
    const first = await get("/letters/a");
    const second = await get("/letters/a");
    expect(renders).toBe(1);
    expect(second.status).toBe(200);
    const nonce = /script-src 'nonce-(\w+)'/.exec(second.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce).toBeDefined();
    expect(second.body).toBe(first.body.replaceAll(/nonce\d+/g, nonce ?? "missing"));
    expect(second.body).not.toBe(first.body);
    expect(second.headers.get("etag")).toBe('W/"v1"');
    expect(second.headers.get("age")).toBe("0");
    expect(Number(second.headers.get("content-length"))).toBe(Buffer.byteLength(second.body));
  });

  it("answers a matching If-None-Match from memory with 304 and no body", async () => {
    await get("/letters/a");
    const revalidated = await get("/letters/a", { "If-None-Match": 'W/"v1"' });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body).toBe("");
    expect(renders).toBe(1);
  });

  it("refills an expired page from a revalidating reader, who gets the whole page", async () => {
    await get("/letters/a");
    clock += 1001;
    const revalidating = await get("/letters/a", { "If-None-Match": 'W/"v1"' });
    expect(revalidating.status).toBe(200);
    expect(revalidating.body).toContain("120 mutuals");
    expect((await get("/letters/a", { "If-None-Match": 'W/"v1"' })).status).toBe(304);
    expect(renders).toBe(2);
  });

  it("never serves or keeps a copy for a request with cookies or credentials", async () => {
    await get("/letters/a", { Cookie: "session=x" });
    await get("/letters/a", { Authorization: "Bearer x" });
    expect(cache.size).toBe(0);
    await get("/letters/a");
    await get("/letters/a", { Cookie: "session=x" });
    expect(renders).toBe(4);
  });

  it.each([
    ["private", page("private, no-cache")],
    ["no-store", page("public, max-age=5, no-store")],
    ["no lifetime", page("public")],
    ["not a 200", { ...page(), status: 410 }],
    ["setting a cookie", { ...page(), headers: { ...page().headers, "Set-Cookie": "a=b" } }],
    ["too big", { ...page(), body: "x".repeat(5000) }],
  ])("does not keep a response that is %s", async (_label, response) => {
    answer = response;
    await get("/letters/a");
    await get("/letters/a");
    expect(renders).toBe(2);
    expect(cache.size).toBe(0);
  });

  it("keeps a page for its s-maxage, then one reader renders a fresh copy while the others get the stale one", async () => {
    await get("/letters/a");
    clock += 999;
    await get("/letters/a");
    expect(renders).toBe(1);
    clock += 2;
    // The first reader after expiry renders; readers meanwhile get the old copy at once.
    let open = () => {};
    gate = new Promise<void>((resolve) => (open = resolve));
    answer = { ...page(), body: "<p>fresh</p>" };
    const started = new Promise<void>((resolve) => (rendering = resolve));
    const refreshing = get("/letters/a");
    await started;
    const meanwhile = await get("/letters/a");
    expect(meanwhile.body).toContain("120 mutuals");
    expect(meanwhile.headers.get("age")).toBe("1");
    open();
    expect((await refreshing).body).toBe("<p>fresh</p>");
    expect((await get("/letters/a")).body).toBe("<p>fresh</p>");
    expect(renders).toBe(2);
  });

  it("marks every query-string variant of a path stale on purge, and leaves other paths alone", async () => {
    await get("/letters/a");
    await get("/letters/a?order=alphabetical");
    await get("/letters/ab");
    cache.purge("/letters/a");
    await get("/letters/a");
    await get("/letters/a?order=alphabetical");
    await get("/letters/ab");
    expect(renders).toBe(5);
  });

  it("keeps query strings apart", async () => {
    answer = page();
    await get("/letters/a?page=1");
    answer = { ...page(), body: "<p>page two</p>" };
    const second = await get("/letters/a?page=2");
    expect(second.body).toBe("<p>page two</p>");
    expect(renders).toBe(2);
  });
});
