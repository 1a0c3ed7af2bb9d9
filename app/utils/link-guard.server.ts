import { hashToken } from "./crypto.server.ts";
import type { RateLimit } from "./rate-limit.server.ts";

/** Failed survey-link lookups an address may make before it waits: far above any mistyped link. */
export const surveyLinkFailuresPerIp: RateLimit = { limit: 30, windowMs: 15 * 60_000 };

export interface LinkGuard {
  /** Seconds the address must wait before this token is looked up, or null to go ahead. */
  waitFor(ip: string, token: string, now?: number): number | null;
  /** A lookup from this address found no link. */
  failed(ip: string, now?: number): void;
  /** A lookup found this link: it is let through even from an address that is waiting. */
  succeeded(token: string): void;
}

/**
 * Throttles addresses that send survey links that do not exist, before the lookup reaches the
 * database. Kept in this process's memory, not in rate_limit_events like sign-in: sign-in limits
 * must hold across processes because each attempt sends an email, but here a bad link costs one
 * indexed read, so a per-process count is enough, and a database row per failed hit would make the
 * flood it guards against cost a write each instead of a read. A restart forgets the counts.
 *
 * Only failures count, so an office whose members all open their links from one address is never
 * slowed; and a link known good (found since the process started) still opens from an address that
 * is waiting. Memory is bounded: at most `maxAddresses` addresses (the least recently failing go
 * first) with at most `limit` timestamps each, and `maxKnownLinks` hashes.
 */
export function createLinkGuard(
  { limit, windowMs }: RateLimit = surveyLinkFailuresPerIp,
  { maxAddresses = 10_000, maxKnownLinks = 20_000 } = {},
): LinkGuard {
  const failures = new Map<string, number[]>();
  const known = new Set<string>();

  const recent = (ip: string, now: number) => {
    const times = (failures.get(ip) ?? []).filter((time) => time > now - windowMs);
    if (times.length) failures.set(ip, times);
    else failures.delete(ip);
    return times;
  };

  return {
    waitFor(ip, token, now = Date.now()) {
      const times = recent(ip, now);
      if (times.length < limit || known.has(hashToken(token))) return null;
      const oldest = times[times.length - limit] ?? now;
      return Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
    },
    failed(ip, now = Date.now()) {
      const times = [...recent(ip, now), now].slice(-limit);
      // Re-inserted so the Map's order is least recently failing first: the one evicted when full.
      failures.delete(ip);
      failures.set(ip, times);
      if (failures.size > maxAddresses) failures.delete(failures.keys().next().value ?? ip);
    },
    succeeded(token) {
      const hash = hashToken(token);
      known.delete(hash);
      known.add(hash);
      if (known.size > maxKnownLinks) known.delete(known.values().next().value ?? hash);
    },
  };
}

/** The token of a survey link's address (`/s/<token>/...`, single fetch's `.data` included), if it is one. */
export function surveyLinkToken(pathname: string): string | null {
  const match = /^\/s\/([^/]+?)(?:\.data)?(?:\/|$)/.exec(pathname);
  return match?.[1] ?? null;
}
