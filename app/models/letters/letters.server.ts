import { z } from "zod";
import type { LettersRow } from "../../../db/schema.ts";
import { isStaff, type Actor } from "~/models/accounts/people.server.ts";
import {
  canTransition,
  letterStateSchema,
  type LetterDraftInput,
  type LetterState,
  type LetterTransition,
} from "~/schemas/letters.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { endOfLondonDay, londonDay } from "~/utils/london-time.ts";

export interface Letter {
  id: number;
  slug: string;
  title: string;
  addressee: string;
  bodyMarkdown: string;
  closesAt: Date | null;
  /** The London day signatures close, as entered ('YYYY-MM-DD'). */
  closesOn: string | null;
  signatureGoal: number | null;
  state: LetterState;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  openedAt: Date | null;
  closedAt: Date | null;
  deliveredAt: Date | null;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
}

export const letterColumns = [
  "id",
  "slug",
  "title",
  "addressee",
  "body_markdown",
  "closes_at",
  "signature_goal",
  "state",
  "version",
  "created_at",
  "updated_at",
  "opened_at",
  "closed_at",
  "delivered_at",
  "withdrawn_at",
  "withdrawn_reason",
] as const;

type LetterRow = Pick<LettersRow, (typeof letterColumns)[number]>;

export function toLetter(row: LetterRow): Letter {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    addressee: row.addressee,
    bodyMarkdown: row.body_markdown,
    closesAt: row.closes_at,
    // The stored instant is the next London midnight: the day before it is the day people chose.
    closesOn: row.closes_at ? londonDay(new Date(row.closes_at.getTime() - 1)) : null,
    signatureGoal: row.signature_goal,
    state: letterStateSchema.parse(row.state),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    deliveredAt: row.delivered_at,
    withdrawnAt: row.withdrawn_at,
    withdrawnReason: row.withdrawn_reason,
  };
}

/** A transition asked of a letter in the wrong state, or an edit based on an old version: a 409 for the page. */
export class LetterConflictError extends Error {
  override name = "LetterConflictError";
}

export const notFound = () => new Response("Not found", { status: 404 });

const letterIdSchema = z.coerce.number().int().positive().max(2_147_483_647);

/** The :id of a staff URL; anything else is a 404, never a 500. */
export function parseLetterId(value: string | undefined): number {
  const id = letterIdSchema.safeParse(value);
  if (!id.success) throw notFound();
  return id.data;
}

export function requireStaffActor(actor: Actor) {
  if (!isStaff(actor)) throw notFound();
}

const statePhrases: Record<LetterState, string> = {
  draft: "still a draft",
  open: "open for signatures",
  closed: "closed",
  delivered: "delivered",
  withdrawn: "withdrawn",
};

const transitionVerbs: Record<LetterTransition, string> = {
  open: "opened for signatures",
  close: "closed",
  deliver: "recorded as delivered",
  withdraw: "withdrawn",
};

export function assertTransition(letter: Pick<Letter, "state">, transition: LetterTransition) {
  if (!canTransition(letter.state, transition)) {
    throw new LetterConflictError(
      `This letter is ${statePhrases[letter.state]}, so it cannot be ${transitionVerbs[transition]}.`,
    );
  }
}

export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || "letter";
}

/** The title's slug, with -2, -3... when taken by another letter. */
async function uniqueSlug(db: Db, title: string, exceptId: number | null): Promise<string> {
  const base = slugify(title);
  const taken = await db
    .selectFrom("letters")
    .select("slug")
    .where((eb) => eb.or([eb("slug", "=", base), eb("slug", "like", `${base}-%`)]))
    .$if(exceptId !== null, (query) => query.where("id", "<>", exceptId ?? 0))
    .execute();
  const used = new Set(taken.map((row) => row.slug));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

function draftColumns(input: LetterDraftInput) {
  return {
    title: input.title,
    addressee: input.addressee,
    body_markdown: input.body,
    closes_at: input.closesOn ? endOfLondonDay(input.closesOn) : null,
    signature_goal: input.signatureGoal,
  };
}

export async function createLetter(db: Db, actor: Actor, input: LetterDraftInput): Promise<Letter> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto("letters")
      .values({
        ...draftColumns(input),
        slug: await uniqueSlug(trx, input.title, null),
        created_by: actor.id,
      })
      .returning(letterColumns)
      .executeTakeFirstOrThrow();
    const letter = toLetter(row);
    await writeAudit(trx, {
      actorId: actor.id,
      action: "letter.created",
      subjectType: "letter",
      subjectId: letter.id,
      after: letter,
    });
    return letter;
  });
}

async function lockLetter(trx: Db, id: number): Promise<Letter> {
  // FOR UPDATE, not FOR NO KEY UPDATE: it waits for signers holding KEY SHARE on the row (see signing).
  const row = await trx
    .selectFrom("letters")
    .select(letterColumns)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound();
  return toLetter(row);
}

/**
 * Drafts only: an opened letter has signatures made against its words. `version` is the one the
 * editor started from; if someone saved since, the save is refused and nothing is overwritten.
 */
export async function updateLetterDraft(
  db: Db,
  actor: Actor,
  id: number,
  input: LetterDraftInput & { version: number },
): Promise<Letter> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const before = await lockLetter(trx, id);
    if (before.state !== "draft") {
      throw new LetterConflictError(
        "Only a draft can be edited: this letter has been opened for signatures.",
      );
    }
    if (before.version !== input.version) {
      throw new LetterConflictError(
        "Someone else saved this letter while you were editing it. Your changes were not saved: " +
          "reload the page to see their version, then make your changes again.",
      );
    }
    const row = await trx
      .updateTable("letters")
      .set({
        ...draftColumns(input),
        slug: await uniqueSlug(trx, input.title, id),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where("id", "=", id)
      .returning(letterColumns)
      .executeTakeFirstOrThrow();
    const after = toLetter(row);
    await writeAudit(trx, {
      actorId: actor.id,
      action: "letter.updated",
      subjectType: "letter",
      subjectId: id,
      before,
      after,
    });
    return after;
  });
}

export async function getLetterForStaff(db: Db, actor: Actor, id: number): Promise<Letter> {
  requireStaffActor(actor);
  const row = await db.selectFrom("letters").select(letterColumns).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound();
  return toLetter(row);
}

export interface LetterListEntry {
  id: number;
  slug: string;
  title: string;
  addressee: string;
  state: LetterState;
  signatures: number;
  signatureGoal: number | null;
  closesAt: Date | null;
  updatedAt: Date;
}

export async function listLettersForStaff(
  db: Db,
  actor: Actor,
  { page, pageSize, state }: { page: number; pageSize: number; state?: LetterState },
): Promise<{ letters: LetterListEntry[]; total: number }> {
  requireStaffActor(actor);
  let query = db.selectFrom("letters");
  if (state) query = query.where("state", "=", state);
  const [rows, count] = await Promise.all([
    query
      .select((eb) => [
        "id",
        "slug",
        "title",
        "addressee",
        "state",
        "signature_goal",
        "closes_at",
        "updated_at",
        eb
          .selectFrom("letter_signatures")
          .select(eb.fn.countAll<number>().as("n"))
          .whereRef("letter_signatures.letter_id", "=", "letters.id")
          .where("letter_signatures.withdrawn_at", "is", null)
          .as("signatures"),
      ])
      .orderBy("updated_at", "desc")
      .orderBy("id", "desc")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return {
    total: count.total,
    letters: rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      title: row.title,
      addressee: row.addressee,
      state: letterStateSchema.parse(row.state),
      signatures: Number(row.signatures ?? 0),
      signatureGoal: row.signature_goal,
      closesAt: row.closes_at,
      updatedAt: row.updated_at,
    })),
  };
}

export { lockLetter };
