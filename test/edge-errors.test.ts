import { afterAll, describe, expect, test } from "vitest";
import { createDb } from "../db/client.ts";
import { startTestApp } from "./harness.ts";

// A database that is down (nothing listens on the discard port): every loader that reads it fails,
// as it would in an outage, so the app's own 500 path runs with no test-only code in the app.
const down = await createDb({ databaseUrl: "postgres://nobody:nothing@127.0.0.1:9/down", poolSize: 1 });
afterAll(() => down.db.destroy());
const site = await startTestApp(down);

/** What a stack trace in the page looks like: a frame line, or an absolute path of this checkout. */
const STACK = /\n\s+at |ECONNREFUSED/;

describe("the 500 page in demo mode", () => {
  test("someone elsewhere gets the plain error page, with no stack trace or paths", async () => {
    for (const ip of ["203.0.113.9", "2001:db8::5", "10.1.2.3"]) {
      const page = await site.get("/letters", { ip });
      expect(page.status).toBe(500);
      expect(page.text).toContain("Sorry, something went wrong");
      expect(page.text).not.toMatch(STACK);
      expect(page.text).not.toContain(process.cwd());
      const data = await site.load("/letters", { ip });
      expect(data.status).toBe(500);
      expect(data.text).not.toMatch(STACK);
    }
  });

  test("an address Express cannot decode is a plain 400 for them, not its error page with a stack", async () => {
    for (const path of ["/letters/%E0%A4%A", "/s/%ZZ", "/%", "/build/%"]) {
      const page = await site.get(path, { ip: "203.0.113.9" });
      expect(page.status, path).toBe(400);
      expect(page.headers.get("Content-Type"), path).toBe("text/plain; charset=utf-8");
      expect(page.text, path).toBe("This address or request is not valid.");
    }
  });

  test("the person at the machine running it still sees the stack, as development needs", async () => {
    for (const ip of [undefined, "127.0.0.1", "::1"]) {
      const page = await site.get("/letters", ip ? { ip } : {});
      expect(page.status).toBe(500);
      expect(page.text).toMatch(STACK);
    }
  });
});
