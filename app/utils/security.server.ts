const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface RequestOrigin {
  method: string;
  origin: string | undefined;
  secFetchSite: string | undefined;
  /** The origin, or origins, this server answers as (see trustedOrigins), never one taken from the request. */
  expectedOrigin: string | ReadonlySet<string>;
}

/**
 * CSRF defence for every state change: browsers say where a request came from (Sec-Fetch-Site,
 * Origin); anything from another site is refused. Clients that send neither are not browsers
 * acting on a user's cookie behind their back, so they pass (the cookie is SameSite=Lax too).
 */
export function isCrossSiteWrite({ method, origin, secFetchSite, expectedOrigin }: RequestOrigin): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (secFetchSite && secFetchSite !== "same-origin" && secFetchSite !== "none") return true;
  if (!origin) return false;
  return typeof expectedOrigin === "string" ? origin !== expectedOrigin : !expectedOrigin.has(origin);
}

const WILDCARD_HOSTS = new Set(["0.0.0.0", "::", "[::]"]);
const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

const bracketed = (host: string) => (host.includes(":") && !host.startsWith("[") ? `[${host}]` : host);

/** True for 127.0.0.0/8 and ::1, as Node reports them (IPv4 ones may come IPv6-mapped). */
export function isLoopback(ip: string | undefined): boolean {
  if (!ip) return false;
  const address = ip.startsWith("::ffff:") ? ip.slice("::ffff:".length) : ip;
  return address === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

export interface TrustedOrigins {
  /** Where emailed links point. */
  primary: string;
  /** Origins a browser may post from: the primary one, and the loopback names of a loopback server. */
  accepted: ReadonlySet<string>;
}

/**
 * The origins this server answers as, from configuration alone, never from the request's Host
 * header (which anyone can forge): APP_URL when set (production requires it), otherwise the
 * HOST and PORT the server was started on. `listeningPort` is the port the connection actually
 * came in on, so a server started with PORT=0 still names its real port.
 */
export function trustedOrigins(
  { APP_URL, HOST }: { APP_URL?: string | undefined; HOST: string },
  listeningPort: number,
): TrustedOrigins {
  if (APP_URL) {
    const origin = new URL(APP_URL).origin;
    return { primary: origin, accepted: new Set([origin]) };
  }
  // A server listening on every interface has no one name; the loopback one is the name that
  // works on the machine that started it (other machines need APP_URL).
  const wildcard = WILDCARD_HOSTS.has(HOST);
  const host = wildcard ? "localhost" : bracketed(HOST);
  const primary = `http://${host}:${listeningPort}`;
  const accepted = new Set([primary]);
  // localhost, 127.0.0.1 and [::1] are one machine: a browser on it may use any of the names.
  if (wildcard || isLoopback(HOST.replace(/^\[|\]$/g, "")) || HOST === "localhost") {
    for (const name of LOOPBACK_NAMES) accepted.add(`http://${name}:${listeningPort}`);
  }
  return { primary, accepted };
}

/**
 * Whether a Host (or X-Forwarded-Host) value can name a server at all: the Remix adapter builds
 * the request's URL from it, and an unparseable one ("bad host", "[::1") would make that throw.
 */
export function isValidHost(value: string | undefined): boolean {
  if (value === undefined) return true;
  const first = value.split(",")[0]?.trim() ?? "";
  try {
    return new URL(`http://${first}`).host !== "";
  } catch {
    return false;
  }
}

export interface RequestHosts {
  method: string;
  origin: string | undefined;
  host: string | undefined;
  forwardedHost: string | undefined;
}

/**
 * Remix refuses an action whose Origin does not name the host the request says it was sent to
 * (X-Forwarded-Host, else Host) by throwing, which is a 500. The same comparison here answers
 * with a 403 before Remix sees it.
 */
export function isHostMismatch({ method, origin, host, forwardedHost }: RequestHosts): boolean {
  if (SAFE_METHODS.has(method.toUpperCase()) || !origin) return false;
  const claimed = forwardedHost?.split(",")[0]?.trim() || host;
  if (!claimed) return true;
  try {
    return new URL(origin).host !== claimed.toLowerCase();
  } catch {
    return true;
  }
}

export function securityHeaders({ nonce, production }: { nonce: string; production: boolean }) {
  const csp = [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(production ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    ...(production ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
