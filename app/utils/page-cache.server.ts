import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { etagMatches } from "./etag.server.ts";

/**
 * A small shared cache in front of the app, as a reverse proxy would be: pages whose route says
 * `Cache-Control: public` (with `s-maxage` or `max-age`) are kept for that long and served to
 * anonymous readers without running the route again. A letter shared widely is read thousands of
 * times a second and changes a few times; rendering it each time is what would make it slow.
 *
 * Only requests without cookies or credentials are served from it or stored in it (the pages it
 * keeps say `Vary: Cookie`). The cached HTML carries the CSP nonce of the response it came from;
 * each hit swaps in the nonce of its own response, so every page still has a fresh one.
 */

export interface PageCacheOptions {
  maxEntries?: number;
  maxEntryBytes?: number;
  now?: () => number;
}

interface Entry {
  status: number;
  headers: OutgoingHttpHeaders;
  etag: string | null;
  /** The body split where the original nonce stood. */
  parts: Buffer[];
  storedAt: number;
  freshUntil: number;
  staleUntil: number;
  /** One request is rendering a fresh copy; the others keep getting this one meanwhile. */
  refreshing: boolean;
}

export interface PageCache {
  /** Answers from the cache and returns true, or arranges to store the app's answer and returns false. */
  handle(req: IncomingMessage, res: ServerResponse, nonce: string): boolean;
  /** Marks every cached variant (query strings) of a path stale, after a change the page shows. */
  purge(pathname: string): void;
  readonly size: number;
}

type WriteCallback = (error?: Error | null) => void;

const KEPT_HEADERS = ["content-type", "cache-control", "etag", "vary", "last-modified", "content-language"];

export function createPageCache({
  maxEntries = 500,
  maxEntryBytes = 512 * 1024,
  now = Date.now,
}: PageCacheOptions = {}): PageCache {
  const entries = new Map<string, Entry>();

  function serve(entry: Entry, req: IncomingMessage, res: ServerResponse, nonce: string) {
    const age = String(Math.max(0, Math.floor((now() - entry.storedAt) / 1000)));
    if (entry.etag && etagMatches(req.headers["if-none-match"], entry.etag)) {
      res.writeHead(304, pick(entry.headers, ["cache-control", "etag", "vary"], { age }));
      res.end();
      return;
    }
    const body = joinWithNonce(entry.parts, nonce);
    res.writeHead(entry.status, { ...entry.headers, age, "content-length": body.byteLength });
    res.end(body);
  }

  function capture(key: string, res: ServerResponse, nonce: string) {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let tooBig = false;
    const keep = (chunk: string | Uint8Array | undefined, encoding: unknown) => {
      if (tooBig || chunk === undefined) return;
      const buffer =
        typeof chunk === "string"
          ? Buffer.from(
              chunk,
              typeof encoding === "string" && Buffer.isEncoding(encoding) ? encoding : "utf8",
            )
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      bytes += buffer.byteLength;
      if (bytes > maxEntryBytes) tooBig = true;
      else chunks.push(buffer);
    };
    // Wrapping write and end is how a proxy sees the bytes without changing how they are sent.
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    res.write = (
      chunk: string | Uint8Array,
      encodingOrCallback?: BufferEncoding | WriteCallback,
      callback?: WriteCallback,
    ) => {
      keep(chunk, encodingOrCallback);
      return typeof encodingOrCallback === "function"
        ? write(chunk, encodingOrCallback)
        : write(chunk, encodingOrCallback ?? "utf8", callback);
    };
    res.end = (
      chunk?: string | Uint8Array | (() => void),
      encodingOrCallback?: BufferEncoding | (() => void),
      callback?: () => void,
    ) => {
      if (typeof chunk === "function") return end(chunk);
      keep(chunk, encodingOrCallback);
      return typeof encodingOrCallback === "function"
        ? end(chunk, encodingOrCallback)
        : end(chunk, encodingOrCallback ?? "utf8", callback);
    };

    // A reader who left before the copy was complete must not leave the entry waiting for it.
    res.once("close", () => {
      const entry = entries.get(key);
      if (!res.writableFinished && entry) entry.refreshing = false;
    });
    res.once("finish", () => {
      const previous = entries.get(key);
      const lifetime = tooBig ? null : cacheLifetime(res);
      if (!lifetime || res.statusCode !== 200) {
        if (previous?.refreshing) entries.delete(key);
        return;
      }
      const at = now();
      const headers: OutgoingHttpHeaders = {};
      for (const name of KEPT_HEADERS) {
        const value = res.getHeader(name);
        if (value !== undefined) headers[name] = value;
      }
      const etag = res.getHeader("etag");
      entries.delete(key);
      entries.set(key, {
        status: res.statusCode,
        headers,
        etag: typeof etag === "string" ? etag : null,
        parts: splitOnNonce(Buffer.concat(chunks), nonce),
        storedAt: at,
        freshUntil: at + lifetime.freshMs,
        staleUntil: at + lifetime.freshMs + lifetime.staleMs,
        refreshing: false,
      });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    });
  }

  return {
    handle(req, res, nonce) {
      if (req.method !== "GET" || req.headers.cookie || req.headers.authorization) return false;
      const key = req.url ?? "/";
      const entry = entries.get(key);
      const at = now();
      if (entry && at < entry.freshUntil) {
        serve(entry, req, res, nonce);
        return true;
      }
      if (entry && at < entry.staleUntil && entry.refreshing) {
        serve(entry, req, res, nonce);
        return true;
      }
      if (entry) {
        entry.refreshing = true;
        // The refill must be a whole page to keep: a revalidating reader gets it instead of a 304.
        delete req.headers["if-none-match"];
        delete req.headers["if-modified-since"];
      }
      capture(key, res, nonce);
      return false;
    },
    purge(pathname) {
      // A soft purge, as CDNs do it: the next reader renders a fresh copy while the others still get
      // this one, so a burst of changes does not turn into a burst of renders.
      for (const [key, entry] of entries) {
        if (key === pathname || key.startsWith(`${pathname}?`)) entry.freshUntil = 0;
      }
    },
    get size() {
      return entries.size;
    },
  };
}

/** How long a shared cache may keep the response: s-maxage, else max-age; none when private or stored with cookies. */
function cacheLifetime(res: ServerResponse): { freshMs: number; staleMs: number } | null {
  if (res.hasHeader("set-cookie")) return null;
  const header = res.getHeader("cache-control");
  if (typeof header !== "string") return null;
  const directives = new Map<string, string>();
  for (const part of header.toLowerCase().split(",")) {
    const [name = "", value = ""] = part.trim().split("=");
    directives.set(name, value);
  }
  if (!directives.has("public") || directives.has("private") || directives.has("no-store")) return null;
  if (directives.has("no-cache")) return null;
  const seconds = Number(directives.get("s-maxage") ?? directives.get("max-age") ?? 0);
  if (!Number.isFinite(seconds) || seconds <= 0) return null;
  const stale = Number(directives.get("stale-while-revalidate") ?? 0);
  return { freshMs: seconds * 1000, staleMs: Number.isFinite(stale) && stale > 0 ? stale * 1000 : 0 };
}

function pick(headers: OutgoingHttpHeaders, names: string[], extra: OutgoingHttpHeaders) {
  const picked: OutgoingHttpHeaders = { ...extra };
  for (const name of names) if (headers[name] !== undefined) picked[name] = headers[name];
  return picked;
}

function splitOnNonce(body: Buffer, nonce: string): Buffer[] {
  const parts: Buffer[] = [];
  if (!nonce) return [body];
  let start = 0;
  for (;;) {
    const at = body.indexOf(nonce, start);
    if (at === -1) break;
    parts.push(body.subarray(start, at));
    start = at + nonce.length;
  }
  parts.push(body.subarray(start));
  return parts;
}

function joinWithNonce(parts: Buffer[], nonce: string): Buffer {
  if (parts.length === 1) return parts[0] ?? Buffer.alloc(0);
  const glue = Buffer.from(nonce);
  const pieces: Buffer[] = [];
  parts.forEach((part, index) => {
    if (index > 0) pieces.push(glue);
    pieces.push(part);
  });
  return Buffer.concat(pieces);
}

export interface PrivacyOfResponse {
  pathname: string;
  /** The request carried a cookie or credentials: a signed-in page, or may be one. */
  withCredentials: boolean;
  /** What the route said, if anything. */
  cacheControl: string | number | string[] | undefined;
  setsCookie: boolean;
}

/** Pages answering a personal survey link: the token in the address is the reader's key. */
const PERSONAL_LINK = /^\/s\/[^/]+/;

/**
 * The Cache-Control a response needs on top of what its route said, or null to leave it as is.
 * A route that says its own policy keeps it (the public letter, /p and /c pages decide for
 * themselves, anonymous and signed-in alike). Otherwise what a signed-in person, or a survey
 * link's holder, sees must not be kept by a shared cache, nor left on a shared computer's disk.
 */
export function privateCacheControl({
  pathname,
  withCredentials,
  cacheControl,
  setsCookie,
}: PrivacyOfResponse): string | null {
  if (cacheControl !== undefined) return null;
  if (withCredentials || setsCookie || PERSONAL_LINK.test(pathname)) return "private, no-store";
  return null;
}
