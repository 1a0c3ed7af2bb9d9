import { createHash } from "node:crypto";
import {
  deliveryMethodSchema,
  letterStateSchema,
  type DeliveryMethod,
  type LetterState,
} from "~/schemas/letters.ts";
import type { Db } from "~/utils/db.server.ts";
import { figuresFrom, type SignatoryFigures } from "~/utils/letter-figures.ts";
import { renderMarkdown } from "~/utils/markdown.server.ts";
import { listLetters } from "./letters.server.ts";
import { listFinalSignatories } from "./signatories.server.ts";

interface PublicSignatory {
  name: string;
  jobTitle: string | null;
  organisation: string;
  organisationId: number | null;
  signedAt: Date;
}

export interface PublicLetter {
  id: number;
  slug: string;
  title: string;
  addressee: string;
  /** Rendered from Markdown without raw HTML and with only web and email links. */
  bodyHtml: string;
  /** Readers may switch to Welsh: the Welsh title and body, null where not translated. */
  bilingual: boolean;
  welsh: { title: string | null; bodyHtml: string | null };
  state: LetterState;
  accepting: boolean;
  closesAt: Date | null;
  signatureGoal: number | null;
  openedAt: Date | null;
  closedAt: Date | null;
  deliveredAt: Date | null;
  withdrawnAt: Date | null;
  /** In signing order; `alphabetical` is the same people sorted by organisation. */
  signatories: PublicSignatory[];
  alphabetical: PublicSignatory[];
  figures: SignatoryFigures;
  delivery: { recipient: string; method: DeliveryMethod; deliveredOn: string } | null;
  /** Changes whenever anything on the page would: the validator for ETag and If-None-Match. */
  version: string;
}

/**
 * A letter being shared widely is read far more often than it changes. Each process keeps what it
 * last read for a moment (a second while open, so counts stay live) and forgets it at once when it
 * makes a change itself; other processes catch up within that moment.
 */
const OPEN_TTL_MS = 1_000;
const SETTLED_TTL_MS = 10_000;
const MAX_ENTRIES = 200;
const caches = new WeakMap<Db, Map<string, { expires: number; value: Promise<PublicLetter | null> }>>();

function cacheFor(db: Db) {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

export function forgetPublicLetter(db: Db, slug: string) {
  caches.get(db)?.delete(slug);
}

export function getPublicLetter(db: Db, slug: string, now = Date.now()): Promise<PublicLetter | null> {
  const cache = cacheFor(db);
  const hit = cache.get(slug);
  if (hit && hit.expires > now) return hit.value;
  const value = loadPublicLetter(db, slug);
  cache.delete(slug);
  cache.set(slug, { expires: now + OPEN_TTL_MS, value });
  if (cache.size > MAX_ENTRIES) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  value.then(
    (letter) => {
      const entry = cache.get(slug);
      if (entry?.value === value && letter && !letter.accepting) entry.expires = now + SETTLED_TTL_MS;
    },
    () => {
      if (cache.get(slug)?.value === value) cache.delete(slug);
    },
  );
  return value;
}

async function loadPublicLetter(db: Db, slug: string): Promise<PublicLetter | null> {
  const letter = await db
    .selectFrom("letters")
    .select([
      "id",
      "slug",
      "title",
      "addressee",
      "body_markdown",
      "bilingual",
      "title_cy",
      "body_markdown_cy",
      "state",
      "closes_at",
      "signature_goal",
      "opened_at",
      "closed_at",
      "delivered_at",
      "withdrawn_at",
      "updated_at",
    ])
    .where("slug", "=", slug)
    .where("state", "<>", "draft")
    .executeTakeFirst();
  if (!letter) return null;
  const state = letterStateSchema.parse(letter.state);
  const rows = await listSignatories(db, letter.id, state);
  const signatories: PublicSignatory[] = rows.map((row) => ({
    name: row.name,
    jobTitle: row.jobTitle,
    organisation: row.organisation,
    organisationId: row.organisationId,
    signedAt: row.signedAt,
  }));
  const delivery =
    state === "delivered"
      ? await db
          .selectFrom("letter_deliveries")
          .select(["recipient", "method", "delivered_on"])
          .where("letter_id", "=", letter.id)
          .where("corrects_id", "is", null)
          .orderBy("id")
          .limit(1)
          .executeTakeFirst()
      : undefined;
  const version = createHash("sha256")
    .update(
      JSON.stringify([
        letter.id,
        state,
        letter.updated_at.toISOString(),
        rows.map((row) => [row.key, row.organisation, row.name, row.jobTitle, row.staffCount, row.nation]),
        delivery ?? null,
      ]),
    )
    .digest("base64url")
    .slice(0, 22);
  return {
    id: letter.id,
    slug: letter.slug,
    title: letter.title,
    addressee: letter.addressee,
    bodyHtml: renderMarkdown(letter.body_markdown).html,
    bilingual: letter.bilingual,
    welsh: {
      title: letter.title_cy,
      bodyHtml: letter.body_markdown_cy ? renderMarkdown(letter.body_markdown_cy).html : null,
    },
    state,
    accepting: state === "open" && (letter.closes_at === null || letter.closes_at > new Date()),
    closesAt: letter.closes_at,
    signatureGoal: letter.signature_goal,
    openedAt: letter.opened_at,
    closedAt: letter.closed_at,
    deliveredAt: letter.delivered_at,
    withdrawnAt: letter.withdrawn_at,
    signatories: state === "withdrawn" ? [] : signatories,
    alphabetical:
      state === "withdrawn"
        ? []
        : [...signatories].sort(
            (a, b) =>
              a.organisation.localeCompare(b.organisation, "en-GB") || a.name.localeCompare(b.name, "en-GB"),
          ),
    figures: figuresFrom(state === "withdrawn" ? [] : rows),
    delivery: delivery
      ? {
          recipient: delivery.recipient,
          method: deliveryMethodSchema.parse(delivery.method),
          deliveredOn: delivery.delivered_on,
        }
      : null,
    version,
  };
}

/** While open, the live signatures with each organisation's current size; after close, the frozen list. */
async function listSignatories(db: Db, letterId: number, state: LetterState) {
  if (state === "closed" || state === "delivered") {
    const rows = await listFinalSignatories(db, letterId);
    return rows.map((row) => ({ ...row, key: row.position, organisationId: null }));
  }
  if (state !== "open") return [];
  const rows = await db
    .selectFrom("letter_signatures")
    .innerJoin("organisations", "organisations.id", "letter_signatures.organisation_id")
    .select([
      "letter_signatures.id",
      "letter_signatures.signer_name",
      "letter_signatures.signer_job_title",
      "letter_signatures.organisation_name",
      "letter_signatures.organisation_id",
      "letter_signatures.signed_at",
      "organisations.nation",
      "organisations.staff_count",
    ])
    .where("letter_signatures.letter_id", "=", letterId)
    .where("letter_signatures.withdrawn_at", "is", null)
    .orderBy("letter_signatures.signed_at")
    .orderBy("letter_signatures.id")
    .execute();
  return rows.map((row) => ({
    key: row.id,
    name: row.signer_name,
    jobTitle: row.signer_job_title,
    organisation: row.organisation_name,
    organisationId: row.organisation_id,
    nation: row.nation,
    staffCount: row.staff_count,
    signedAt: row.signed_at,
  }));
}

/** Open letters first, then the closed and delivered ones, newest first. */
export async function listPublicLetters(db: Db, { page, pageSize }: { page: number; pageSize: number }) {
  const { letters, total } = await listLetters(db, {
    states: ["open", "closed", "delivered"],
    order: "open first",
    page,
    pageSize,
  });
  return {
    total,
    letters: letters.map(({ slug, title, addressee, state, signatures, openedAt }) => ({
      slug,
      title,
      addressee,
      state,
      signatures,
      openedAt,
    })),
  };
}
