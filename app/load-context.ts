import type { Db } from "~/utils/db.server.ts";
import type { Env } from "~/utils/env.server.ts";
import type { LinkGuard } from "~/utils/link-guard.server.ts";
import type { Logger } from "~/utils/log.server.ts";

/** What server.ts hands every loader and action: the app reaches the database only through this. */
export interface MutualVoiceContext {
  db: Db;
  env: Env;
  databaseKind: "pglite" | "postgres";
  cspNonce: string;
  clientIp: string;
  /** The origin links in emails point at: APP_URL, or the HOST and PORT the server was started on (never the Host header). */
  appUrl: string;
  /**
   * Marks a path's cached copies (any query string) stale in this process's shared page cache,
   * after a change the page shows; other processes catch up when their copy expires.
   */
  purgeCachedPage: (pathname: string) => void;
  /** This process's count of survey links that were not found, per address (see link-guard.server.ts). */
  surveyLinks: LinkGuard;
  /** The server's logger: errors go here with the request's id, never to the console. */
  log: Logger;
  requestId: string;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging needs an interface
  interface AppLoadContext extends MutualVoiceContext {}
  interface Future {
    v3_singleFetch: true;
  }
}
