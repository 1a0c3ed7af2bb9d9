import { describe, expect, test } from "vitest";
import { EnvError, loadEnv } from "~/utils/env.server.ts";
import { safeRedirectPath } from "~/utils/redirect.ts";
import { isCrossSiteWrite, securityHeaders } from "~/utils/security.server.ts";

describe("CSRF: cross-site writes are refused", () => {
  const expectedOrigin = "http://127.0.0.1:3000";
  test.each([
    ["POST", "https://evil.example", undefined, true],
    ["POST", undefined, "cross-site", true],
    ["POST", undefined, "same-site", true],
    ["DELETE", "http://127.0.0.1:3000.evil.example", undefined, true],
    ["POST", "null", undefined, true],
    ["POST", expectedOrigin, "same-origin", false],
    ["POST", undefined, "none", false],
    ["POST", undefined, undefined, false],
    ["GET", "https://evil.example", "cross-site", false],
  ])("%s from origin %s, Sec-Fetch-Site %s: refused=%s", (method, origin, secFetchSite, refused) => {
    expect(isCrossSiteWrite({ method, origin, secFetchSite, expectedOrigin })).toBe(refused);
  });
});

describe("security headers", () => {
  test("CSP carries the request's nonce and forbids framing", () => {
    const headers = securityHeaders({ nonce: "abc123", production: false });
    expect(headers["Content-Security-Policy"]).toContain("script-src 'nonce-abc123' 'strict-dynamic'");
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers).not.toHaveProperty("Strict-Transport-Security");
  });

  test("HSTS only in production", () => {
    expect(securityHeaders({ nonce: "n", production: true })).toHaveProperty("Strict-Transport-Security");
  });
});

describe("redirects after sign-in stay on this site", () => {
  test.each([
    ["/account", "/account"],
    ["/positions?topic=vat#top", "/positions?topic=vat#top"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example/", "/"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["javascript:alert(1)", "/"],
    ["/login/verify?token=x", "/"],
    ["/\tevil", "/"],
    ["", "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });
});

describe("configuration", () => {
  test("demo defaults need no variables at all", () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ PORT: 3000, HOST: "127.0.0.1", demoMode: true, seedDemo: true });
    expect(env.dataDir).toMatch(/data$/);
  });

  test("production names every missing secret", () => {
    expect(() => loadEnv({ NODE_ENV: "production" })).toThrow(
      new EnvError("Production needs these settings, which are missing: SESSION_SECRET, DATABASE_URL, SMTP_URL, APP_URL"),
    );
  });

  test("bad values are reported by name", () => {
    expect(() => loadEnv({ PORT: "eighty", DATABASE_URL: "mysql://x" })).toThrow(/PORT[\s\S]*DATABASE_URL/);
  });

  test("SMTP_URL turns demo mode off", () => {
    expect(loadEnv({ SMTP_URL: "smtp://127.0.0.1:2525" }).demoMode).toBe(false);
  });
});
