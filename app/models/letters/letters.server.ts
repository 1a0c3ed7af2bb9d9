import type { AppLoadContext } from "@remix-run/node";
import { sql } from "kysely";
import type { LettersRow } from "../../../db/schema.ts";
import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { letterStateSchema, type LetterDraftInput, type LetterState } from "~/schemas/letters.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { endOfLondonDay, londonDay } from "~/utils/london-time.ts";
import { memoPerRequest } from "~/utils/per-request.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";

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

const letterColumns = [
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

function toLetter(row: Pick<LettersRow, (typeof letterColumns)[number]>): Letter {
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

/** Advisory lock space of letters: signers hold a letter's lock shared, its moves (closing) exclusive. */
export const LETTER_LOCK_SPACE = 7301;

/**
 * One letter, or a 404. With `lock` a move first takes the letter's advisory lock exclusively, which
 * waits for every signer holding it shared (see signing), so no signature slips past a close; signers
 * share it without writing to the letter's row, which 50 of them at once would make hot.
 */
export async function loadLetter(db: Db, id: number, { lock }: { lock: boolean }): Promise<Letter> {
  if (lock) await sql`select pg_advisory_xact_lock(${LETTER_LOCK_SPACE}, ${id})`.execute(db);
  const row = await db
    .selectFrom("letters")
    .select(letterColumns)
    .where("id", "=", id)
    .$if(lock, (query) => query.forUpdate())
    .executeTakeFirst();
  if (!row) throw Refusal.notFound();
  return toLetter(row);
}

export async function getLetterForStaff(db: Db, actor: Actor, id: number): Promise<Letter> {
  requireStaffActor(actor);
  return loadLetter(db, id, { lock: false });
}

const lettersThisRequest = memoPerRequest<Letter>();

/**
 * The letter a staff page is about, loaded and authorised once per request: the layout route and
 * the page inside it both ask. Actions load afresh, since they change it.
 */
export function getLetterForStaffPage(context: AppLoadContext, actor: Actor, id: number): Promise<Letter> {
  return lettersThisRequest.get(context, `${actor.id}:${id}`, () => getLetterForStaff(context.db, actor, id));
}

export interface LetterListEntry {
  id: number;
  slug: string;
  title: string;
  addressee: string;
  state: LetterState;
  /** Organisations that signed: the frozen list once closed, else the signatures standing. */
  signatures: number;
  signatureGoal: number | null;
  closesAt: Date | null;
  openedAt: Date | null;
  updatedAt: Date;
}

/** A page of the letters in some states: the open ones first, or the last changed first. */
export async function listLetters(
  db: Db,
  options: {
    states: readonly LetterState[];
    order: "open first" | "last changed";
    page: number;
    pageSize: number;
  },
): Promise<{ letters: LetterListEntry[]; total: number }> {
  const query = db.selectFrom("letters").where("state", "in", options.states);
  const ordered =
    options.order === "open first"
      ? query.orderBy(sql`case when state = 'open' then 0 else 1 end`).orderBy("opened_at", "desc")
      : query.orderBy("updated_at", "desc");
  const [rows, count] = await Promise.all([
    ordered
      .select((eb) => [
        "id",
        "slug",
        "title",
        "addressee",
        "state",
        "signature_goal",
        "closes_at",
        "opened_at",
        "updated_at",
        eb
          .case()
          .when("state", "in", ["closed", "delivered"])
          .then(
            eb
              .selectFrom("letter_final_signatories")
              .select(eb.fn.countAll<number>().as("n"))
              .whereRef("letter_final_signatories.letter_id", "=", "letters.id"),
          )
          .else(
            eb
              .selectFrom("letter_signatures")
              .select(eb.fn.countAll<number>().as("n"))
              .whereRef("letter_signatures.letter_id", "=", "letters.id")
              .where("letter_signatures.withdrawn_at", "is", null),
          )
          .end()
          .as("signatures"),
      ])
      .orderBy("id", "desc")
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize)
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
      openedAt: row.opened_at,
      updatedAt: row.updated_at,
    })),
  };
}

function slugify(title: string): string {
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
export async function uniqueSlug(db: Db, title: string, exceptId: number | null): Promise<string> {
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

/** The columns a draft's form fills in, as stored. */
export function draftColumns(input: LetterDraftInput) {
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
