import type { CampaignOutcome, CampaignState, CampaignTarget } from "~/schemas/campaigns.ts";
import type { Db } from "~/utils/db.server.ts";

export interface PublicCampaign {
  slug: string;
  name: string;
  ask: string;
  state: CampaignState;
  targets: CampaignTarget[];
  positions: { slug: string; title: string; summary: string; publishedAt: Date | null }[];
  responses: { slug: string; title: string; government: string; sentAt: Date | null }[];
  letters: {
    slug: string;
    title: string;
    addressee: string;
    deliveredAt: Date | null;
    organisations: number;
  }[];
  outcomes: CampaignOutcome[];
  /** Changes whenever anything on the page would: the validator for ETag and If-None-Match. */
  version: string;
}

/**
 * What each process last read of a public campaign page, for a few seconds: the page is read far
 * more often than it changes. A change made here forgets it at once; other processes catch up
 * within TTL_MS. A miss (no such public page) is never kept, so turning a page on shows at once.
 */
const TTL_MS = 10_000;
const MAX_ENTRIES = 100;
const caches = new WeakMap<Db, Map<string, { expires: number; value: Promise<PublicCampaign | null> }>>();

export function forgetPublicCampaign(db: Db, slug: string) {
  caches.get(db)?.delete(slug);
}

export function cachedPublicCampaign(
  db: Db,
  slug: string,
  now: number,
  load: () => Promise<PublicCampaign | null>,
): Promise<PublicCampaign | null> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const hit = cache.get(slug);
  if (hit && hit.expires > now) return hit.value;
  const value = load();
  cache.delete(slug);
  cache.set(slug, { expires: now + TTL_MS, value });
  if (cache.size > MAX_ENTRIES) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  const entries = cache;
  value.then(
    (found) => {
      if (!found && entries.get(slug)?.value === value) entries.delete(slug);
    },
    () => entries.delete(slug),
  );
  return value;
}
