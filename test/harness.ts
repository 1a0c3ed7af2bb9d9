import { bypass } from "msw";
import { decode } from "turbo-stream";
import { afterAll } from "vitest";
import { createApp, importServerBuild } from "../app-server.ts";
import type { DbHandle } from "../db/client.ts";
import type { Logger } from "~/utils/log.server.ts";
import type { Metrics } from "~/utils/metrics.server.ts";
import { createSession, sessionCookie } from "~/models/accounts/sessions.server.ts";
import { loadEnv } from "~/utils/env.server.ts";

/**
 * Route tests send real HTTP requests to the app server.ts serves (the `remix build` bundle behind
 * the same security headers, cross-site refusal, page cache and session cookie), on a port of this
 * test file's own, over this file's database. They reach pages by URL only, so a route file may be
 * renamed or nested under a layout without the tests noticing.
 */

interface RequestOptions {
  /** Who sends it: a person is signed in once per app with a real session; null is anonymous. */
  as?: { id: number } | null;
  headers?: Record<string, string>;
  /** The client's address, as the proxy in front says it (rate limits count per address). */
  ip?: string;
}

interface PostOptions extends RequestOptions {
  /**
   * Post as a browser without JavaScript does, or a <Form reloadDocument> (downloads): a plain
   * request whose answer is the document or file itself, not the action's data.
   */
  reloadDocument?: boolean;
}

/** A form's fields (a list for a repeated name), a multipart form, or a raw body. */
type Body = Record<string, string | string[]> | FormData | string | ReadableStream<Uint8Array>;

interface Answer {
  status: number;
  headers: Headers;
  /** Where a redirect points, single-fetch redirects included; null otherwise. */
  location: string | null;
  /**
   * What the page's loaders or the form's action returned (for loads, every route below the root
   * merged, the leaf's keys last), or a JSON answer's body.
   */
  data: Record<string, unknown>;
  text: string;
  bytes: Uint8Array;
}

interface TestApp {
  url: string;
  /** A new session for the person: the Cookie header value a browser signed in as them would send. */
  signIn(person: { id: number }): Promise<string>;
  /** The Cookie header value a browser holding this session id sends. */
  cookieOf(sessionId: string): Promise<string>;
  /** The page or file at the address, as the browser's address bar gets it (redirects not followed). */
  get(path: string, options?: RequestOptions): Promise<Answer>;
  /** What the page's loaders give the browser once it runs JavaScript (single fetch's `/path.data`). */
  load(path: string, options?: RequestOptions): Promise<Answer>;
  /**
   * Submits a form as Remix's <Form> and fetchers do once the page runs JavaScript: through single
   * fetch (`/path.data`), answering with the action's data, status and redirect. A form on an index
   * route posts to `path?index`. The Origin header is the app's own, as a browser sends it.
   */
  post(path: string, body: Body, options?: PostOptions): Promise<Answer>;
}

/**
 * Starts the app on 127.0.0.1 and a free port, with `settings` as its environment on top of the
 * test defaults. Call it at the top of a test file: it stops after the file's last test.
 */
export async function startTestApp(
  database: Pick<DbHandle, "db" | "kind">,
  settings: Record<string, string> = {},
  /** A logger to read what the app logs, and the metrics it counts into (silent, none by default). */
  observers: { log?: Logger; metrics?: Metrics } = {},
): Promise<TestApp> {
  // The proxy setting lets a test say which address a request comes from (X-Forwarded-For).
  const env = loadEnv({ NODE_ENV: "test", TRUST_PROXY: "1", ...settings });
  const build = await importServerBuild();
  const app = createApp({ db: database.db, env, build, databaseKind: database.kind, ...observers });
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("The test app is not listening on a port");
  const url = `http://127.0.0.1:${address.port}`;
  const cookies = new Map<number, string>();

  const cookieOf = async (sessionId: string) =>
    (await sessionCookie(env).serialize(sessionId)).split(";")[0] ?? "";
  const signIn = async (person: { id: number }) => cookieOf(await createSession(database.db, person.id, env));

  async function headersFor({ as, headers = {}, ip }: RequestOptions) {
    const sent = new Headers(headers);
    if (as && !sent.has("Cookie")) {
      const cookie = cookies.get(as.id) ?? (await signIn(as));
      cookies.set(as.id, cookie);
      sent.set("Cookie", cookie);
    }
    if (ip) sent.set("X-Forwarded-For", ip);
    return sent;
  }

  // msw stops every outside request the app makes; these go to the app itself, so they pass.
  const send = (target: string, init: RequestInit) =>
    fetch(bypass(new Request(new URL(target, url), { ...init, redirect: "manual" })));

  return {
    url,
    signIn,
    cookieOf,
    async get(path, options = {}) {
      return plainAnswer(await send(path, { headers: await headersFor(options) }));
    },
    async load(path, options = {}) {
      const target = dataUrl(path, url);
      // Loaders ignore `?index`; Remix's client leaves it off when it fetches them.
      if (target.searchParams.get("index") === "") target.searchParams.delete("index");
      const response = await send(target.href, { headers: await headersFor(options) });
      return dataAnswer(response, "load");
    },
    async post(path, body, options = {}) {
      const headers = await headersFor(options);
      if (!headers.has("Origin")) headers.set("Origin", url);
      if (typeof body === "string" || isFields(body)) {
        if (!headers.has("Content-Type")) headers.set("Content-Type", "application/x-www-form-urlencoded");
      }
      const init: RequestInit = { method: "POST", headers, body: encodeBody(body), duplex: "half" };
      if (options.reloadDocument) return plainAnswer(await send(path, init));
      return dataAnswer(await send(dataUrl(path, url).href, init), "action");
    },
  };
}

function isFields(body: Body): body is Record<string, string | string[]> {
  return !(body instanceof FormData) && !(body instanceof ReadableStream) && typeof body !== "string";
}

function encodeBody(body: Body): BodyInit {
  if (!isFields(body)) return body;
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) for (const one of [value].flat()) form.append(name, one);
  return form;
}

/** Single fetch's address for a page: `/a/b?x` becomes `/a/b.data?x`, the root `/_root.data`. */
function dataUrl(path: string, base: string): URL {
  const target = new URL(path, base);
  target.pathname = target.pathname === "/" ? "/_root.data" : `${target.pathname.replace(/\/$/, "")}.data`;
  return target;
}

async function plainAnswer(response: Response): Promise<Answer> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  const json: unknown = response.headers.get("Content-Type")?.startsWith("application/json")
    ? JSON.parse(text)
    : undefined;
  return {
    status: response.status,
    headers: response.headers,
    location: response.headers.get("Location"),
    data: isRecord(json) ? json : {},
    text,
    bytes,
  };
}

/** A redirect, as single fetch sends it: a 202 whose body says where to and with which status. */
class DataRedirect {
  constructor(
    readonly to: string,
    readonly status: number,
  ) {}
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

function redirectOf(value: unknown): DataRedirect | undefined {
  if (!isRecord(value) || typeof value.redirect !== "string") return undefined;
  return new DataRedirect(value.redirect, Number(value.status));
}

/** Decodes single fetch's turbo-stream with the types Remix's client knows (see @remix-run/react's single-fetch). */
async function decodeData(body: ReadableStream<Uint8Array>): Promise<unknown> {
  const decoded = await decode(body, {
    plugins: [
      (type, ...values) => {
        // What a route threw: the answer's status says it, and the tests need no more of it.
        if (type === "SanitizedError" || type === "ErrorResponse") return { value: null };
        if (type === "SingleFetchRedirect") return { value: redirectOf(values[0]) };
        if (type === "SingleFetchClassInstance") return { value: values[0] };
        if (type === "SingleFetchFallback") return { value: undefined };
        return undefined;
      },
    ],
  });
  await decoded.done;
  return decoded.value;
}

async function dataAnswer(response: Response, kind: "load" | "action"): Promise<Answer> {
  if (!response.body || !(response.headers.get("Content-Type") ?? "").startsWith("text/x-script")) {
    return plainAnswer(response);
  }
  const value = await decodeData(response.body);
  const answer = { headers: response.headers, text: "", bytes: new Uint8Array() };
  // A load's redirect comes as a whole answer of its own; an action's as a bare {redirect, status}.
  const redirect =
    value instanceof DataRedirect
      ? value
      : kind === "action" && response.status === 202
        ? redirectOf(value)
        : undefined;
  if (redirect) return { ...answer, status: redirect.status, location: redirect.to, data: {} };

  // An action answers for itself; a load for each route it ran, keyed by route id, the root first.
  const results =
    kind === "action"
      ? [value]
      : Object.entries(isRecord(value) ? value : {})
          .filter(([routeId]) => routeId !== "root")
          .map(([, result]) => result);
  const data: Record<string, unknown> = {};
  for (const result of results)
    if (isRecord(result) && isRecord(result.data)) Object.assign(data, result.data);
  return { ...answer, status: response.status, location: null, data };
}
