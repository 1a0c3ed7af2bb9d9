import { request as httpRequest } from "node:http";
import { describe, expect, test } from "vitest";
import { createPerson } from "~/models/accounts/people.server.ts";
import { trustedOrigins } from "~/utils/security.server.ts";
import { uniqueEmail } from "./context.ts";
import { openTestDb } from "./db.ts";
import { startTestApp } from "./harness.ts";
import { withText } from "./outbox-text.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const port = Number(new URL(site.url).port);

interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
}

/**
 * fetch will not send a Host header of the caller's choosing, and a forger is not a browser:
 * node:http sends exactly these headers, Host included.
 */
function rawPost(path: string, body: string, headers: Record<string, string>): Promise<RawAnswer> {
  return raw("POST", path, body, headers);
}

function raw(
  method: string,
  path: string,
  body: string,
  headers: Record<string, string>,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path,
        method,
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": String(Buffer.byteLength(body)),
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: String(response.headers["content-type"] ?? ""),
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    sent.on("error", reject);
    sent.end(body);
  });
}

const newPerson = () =>
  createPerson(db, null, { email: uniqueEmail("host"), name: "Sam Okafor", role: "staff" });

async function signInEmailTo(address: string) {
  const rows = await db
    .selectFrom("email_outbox")
    .select(["template", "props", "text"])
    .where("to_address", "=", address)
    .execute();
  return withText(rows)
    .map((row) => row.text)
    .join("\n");
}

describe("emailed links never come from the Host header", () => {
  test.each([
    ["Host", { Host: "evil.example" }],
    ["X-Forwarded-Host", { "X-Forwarded-Host": "evil.example" }],
  ])("a forged %s on /login gets a link to the server that was started", async (_name, forged) => {
    const person = await newPerson();
    const answer = await rawPost("/login", new URLSearchParams({ email: person.email }).toString(), forged);
    expect(answer.status).toBeLessThan(400);
    const email = await signInEmailTo(person.email);
    expect(email).toContain(`${site.url}/login/verify?token=`);
    expect(email).not.toContain("evil.example");
  });

  test("the configured APP_URL wins over HOST and PORT; without it, the started server's address", () => {
    expect(trustedOrigins({ APP_URL: "https://voice.psmn.example/app", HOST: "0.0.0.0" }, 3000)).toEqual({
      primary: "https://voice.psmn.example",
      accepted: new Set(["https://voice.psmn.example"]),
    });
    expect(trustedOrigins({ HOST: "127.0.0.1" }, 41234).primary).toBe("http://127.0.0.1:41234");
    expect(trustedOrigins({ HOST: "::1" }, 3000).primary).toBe("http://[::1]:3000");
    // Listening everywhere has no one name; links use the one that works where it was started.
    expect(trustedOrigins({ HOST: "0.0.0.0" }, 3000).primary).toBe("http://localhost:3000");
    expect(trustedOrigins({ HOST: "192.0.2.10" }, 3000).accepted).toEqual(
      new Set(["http://192.0.2.10:3000"]),
    );
  });
});

describe("a Host that does not match the Origin", () => {
  test.each([
    ["Host", { Host: "evil.example", Origin: site.url }],
    ["X-Forwarded-Host", { "X-Forwarded-Host": "evil.example", Origin: site.url }],
  ])("a mismatched %s is a 403 in plain text, not Remix's 500", async (_name, headers) => {
    const person = await newPerson();
    for (const path of ["/login", "/login.data"]) {
      const answer = await rawPost(path, new URLSearchParams({ email: person.email }).toString(), headers);
      expect(answer).toEqual({
        status: 403,
        contentType: "text/plain; charset=utf-8",
        text: "The Host header does not match the Origin header; request refused.",
      });
    }
    expect(await signInEmailTo(person.email)).toBe("");
  });

  test("an Origin that merely agrees with a forged Host is still cross-site", async () => {
    const person = await newPerson();
    const answer = await rawPost("/login", new URLSearchParams({ email: person.email }).toString(), {
      Host: "evil.example",
      Origin: "http://evil.example",
    });
    expect(answer).toEqual({
      status: 403,
      contentType: "text/plain; charset=utf-8",
      text: "Cross-site request refused.",
    });
    expect(await signInEmailTo(person.email)).toBe("");
  });

  test("a loopback server takes posts from any of its loopback names", async () => {
    const person = await newPerson();
    const answer = await rawPost("/login", new URLSearchParams({ email: person.email }).toString(), {
      Host: `localhost:${port}`,
      Origin: `http://localhost:${port}`,
    });
    expect(answer.status).toBeLessThan(400);
    expect(await signInEmailTo(person.email)).toContain(`${site.url}/login/verify?token=`);
  });
});

describe("a Host no server could have", () => {
  test.each(["bad host", "[::1", "%", "a:b:c"])(
    "%j is a 400 in plain text, not a 500 with a stack",
    async (host) => {
      const forged: Record<string, string>[] = [{ Host: host }, { "X-Forwarded-Host": host }];
      for (const headers of forged) {
        for (const method of ["GET", "POST"]) {
          const answer = await raw(method, "/login", "", { ...headers, "X-Forwarded-For": "203.0.113.7" });
          expect(answer).toEqual({
            status: 400,
            contentType: "text/plain; charset=utf-8",
            text: "The Host header is not a valid host name.",
          });
        }
      }
    },
  );
});
