import { z } from "zod";
import { parseDirectoryCsv, type ImportProblem } from "~/models/directory/csv.server.ts";
import {
  applyImportPlan,
  planImport,
  type AppliedImport,
  type ImportPlan,
  type Tally,
} from "~/models/directory/import.server.ts";
import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { importStatusSchema, type ImportStatus } from "~/schemas/directory.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";

/**
 * The import job: an upload is parsed and planned into a `previewed` row (nothing else is
 * written), which staff then commit (everything in one transaction) or discard. The uploaded
 * text is kept only while the preview waits: it is personal data.
 */

const tallySchema = z.object({ create: z.number(), update: z.number(), unchanged: z.number() });
const changeSchema = z.object({ field: z.string(), from: z.string(), to: z.string() });
const previewSchema = z.object({
  counts: z.object({
    organisations: tallySchema,
    people: tallySchema,
    rowsImported: z.number(),
    rowsWithProblems: z.number(),
  }),
  rowCount: z.number(),
  problems: z.array(
    z.object({ row: z.number().nullable(), column: z.string().nullable(), message: z.string() }),
  ),
  unknownColumns: z.array(z.string()),
  /** Previews stored before this list existed have none. */
  tidied: z
    .array(z.object({ row: z.number().nullable(), column: z.string().nullable(), message: z.string() }))
    .default([]),
  created: z.array(z.object({ row: z.number(), name: z.string() })),
  updated: z.array(
    z.object({ row: z.number(), name: z.string(), id: z.number(), changes: z.array(changeSchema) }),
  ),
  peopleUpdated: z.array(z.object({ row: z.number(), email: z.string(), changes: z.array(changeSchema) })),
  fingerprint: z.string(),
  /** Set when a confirmation found the directory changed since the preview was made. */
  refreshedAt: z.string().nullable().default(null),
});
type ImportPreview = z.output<typeof previewSchema>;

const resultSchema = z.object({ organisations: z.array(z.object({ id: z.number(), row: z.number() })) });

interface DirectoryImport extends ImportHeading {
  finishedAt: Date | null;
  preview: ImportPreview;
  /** Organisations the committed import created or changed. */
  touched: { id: number; row: number }[];
}

function toPreview(
  plan: ImportPlan,
  {
    rowCount,
    unknownColumns,
    tidied,
  }: { rowCount: number; unknownColumns: string[]; tidied: ImportProblem[] },
): ImportPreview {
  return {
    counts: plan.counts,
    rowCount,
    problems: plan.problems,
    unknownColumns,
    tidied,
    created: plan.organisations
      .filter((org) => org.outcome === "create")
      .map((org) => ({ row: org.firstRow, name: org.name })),
    updated: plan.organisations.flatMap((org) =>
      org.outcome === "update" && org.existingId !== null
        ? [{ row: org.firstRow, name: org.name, id: org.existingId, changes: org.changes }]
        : [],
    ),
    peopleUpdated: plan.organisations.flatMap((org) =>
      org.contacts.flatMap((contact) =>
        contact.outcome === "update"
          ? [{ row: contact.row, email: contact.contact.email, changes: contact.changes }]
          : [],
      ),
    ),
    fingerprint: plan.fingerprint,
    refreshedAt: null,
  };
}

type PreviewOutcome = { ok: true; importId: number } | { ok: false; problems: ImportProblem[] };

/** Parses and plans an upload; a file that cannot be read at all is refused without storing it. */
export async function previewImport(
  db: Db,
  actor: Actor,
  upload: { fileName: string; bytes: Uint8Array },
): Promise<PreviewOutcome> {
  requireStaffActor(actor);
  const parsed = parseDirectoryCsv(upload.bytes);
  if (parsed.fatal) return { ok: false, problems: parsed.problems };
  if (parsed.rows.length === 0 && parsed.problems.length === 0) {
    return {
      ok: false,
      problems: [{ row: null, column: null, message: "The file has a header row but no rows of data" }],
    };
  }
  const plan = await planImport(db, parsed.rows, parsed.problems);
  const preview = toPreview(plan, parsed);
  const row = await db
    .insertInto("directory_imports")
    .values({
      created_by: actor.id,
      file_name: upload.fileName.slice(0, 255) || "upload.csv",
      source: new TextDecoder().decode(upload.bytes),
      row_count: parsed.rowCount,
      preview: JSON.stringify(preview),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { ok: true, importId: row.id };
}

function importsWithUploader(db: Db) {
  return db
    .selectFrom("directory_imports")
    .leftJoin("people", "people.id", "directory_imports.created_by")
    .select([
      "directory_imports.id",
      "file_name",
      "status",
      "preview",
      "result",
      "directory_imports.created_at",
      "finished_at",
      "people.name as created_by_name",
    ]);
}

type StoredImport = Awaited<ReturnType<ReturnType<typeof importsWithUploader>["executeTakeFirstOrThrow"]>>;

/** What the list and the page both say of an import. */
interface ImportHeading {
  id: number;
  fileName: string;
  status: ImportStatus;
  createdBy: string | null;
  createdAt: Date;
}

const headingOf = (row: StoredImport): ImportHeading => ({
  id: row.id,
  fileName: row.file_name,
  status: importStatusSchema.parse(row.status),
  createdBy: row.created_by_name,
  createdAt: row.created_at,
});

export async function getImport(db: Db, actor: Actor, importId: number): Promise<DirectoryImport> {
  requireStaffActor(actor);
  const row = await importsWithUploader(db).where("directory_imports.id", "=", importId).executeTakeFirst();
  if (!row) throw Refusal.notFound();
  return {
    ...headingOf(row),
    finishedAt: row.finished_at,
    preview: previewSchema.parse(row.preview),
    touched: row.result === null ? [] : resultSchema.parse(row.result).organisations,
  };
}

interface ImportSummary extends ImportHeading {
  organisations: Tally;
  people: Tally;
  rowsWithProblems: number;
}

export async function listImports(
  db: Db,
  actor: Actor,
  { page, perPage = 50 }: { page: number; perPage?: number },
) {
  requireStaffActor(actor);
  const rows = await importsWithUploader(db)
    .orderBy("directory_imports.id", "desc")
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  const { count } = await db
    .selectFrom("directory_imports")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  const imports = rows.map((row): ImportSummary => {
    const { counts } = previewSchema.parse(row.preview);
    return {
      ...headingOf(row),
      organisations: counts.organisations,
      people: counts.people,
      rowsWithProblems: counts.rowsWithProblems,
    };
  });
  return { imports, total: count, pageCount: Math.max(1, Math.ceil(count / perPage)) };
}

/** How the lookups of a committed import's postcodes went; the ones not found are listed by row to be corrected. */
export async function postcodesOfImport(db: Db, { touched }: Pick<DirectoryImport, "touched">) {
  const places = touched.length
    ? await db
        .selectFrom("organisations")
        .select(["id", "name", "postcode", "postcode_status"])
        .where(
          "id",
          "in",
          touched.map((org) => org.id),
        )
        .execute()
    : [];
  const rowOf = new Map(touched.map((org) => [org.id, org.row]));
  return {
    found: places.filter((org) => org.postcode_status === "found").length,
    pending: places.filter((org) => org.postcode_status === "pending").length,
    notFound: places
      .filter((org) => org.postcode_status === "not_found")
      .map((org) => ({ id: org.id, name: org.name, postcode: org.postcode, row: rowOf.get(org.id) ?? 0 }))
      .sort((a, b) => a.row - b.row),
  };
}

async function lockPreviewed(db: Db, importId: number) {
  const row = await db
    .selectFrom("directory_imports")
    .select(["id", "status", "source", "preview"])
    .where("id", "=", importId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw Refusal.notFound();
  const status = importStatusSchema.parse(row.status);
  if (status !== "previewed" || row.source === null) {
    throw Refusal.conflict(
      status === "committed"
        ? "This file has already been imported"
        : "This preview was discarded: upload the file again",
    );
  }
  return { source: row.source, preview: previewSchema.parse(row.preview) };
}

type CommitOutcome = { kind: "committed"; touched: { id: number; row: number }[] } | { kind: "stale" };

/**
 * Re-plans the stored file against the directory as it is now, in one transaction with every
 * write. If the plan is not the one previewed (someone changed the directory meanwhile), nothing
 * is written: the preview is refreshed and staff confirm again. A second click waits on the row
 * lock, then finds the import committed and is refused.
 */
export async function commitImport(db: Db, actor: Actor, importId: number): Promise<CommitOutcome> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const { source, preview } = await lockPreviewed(trx, importId);
    const parsed = parseDirectoryCsv(new TextEncoder().encode(source));
    const plan = await planImport(trx, parsed.rows, parsed.problems);
    if (plan.fingerprint !== preview.fingerprint) {
      const fresh = {
        ...toPreview(plan, parsed),
        refreshedAt: new Date().toISOString(),
      };
      await trx
        .updateTable("directory_imports")
        .set({ preview: JSON.stringify(fresh) })
        .where("id", "=", importId)
        .execute();
      return { kind: "stale" };
    }
    const applied = await applyImportPlan(trx, actor, plan);
    await finishImport(trx, actor, importId, "committed", { result: applied, counts: plan.counts });
    return { kind: "committed", touched: applied.organisations };
  });
}

export async function discardImport(db: Db, actor: Actor, importId: number): Promise<void> {
  requireStaffActor(actor);
  await inTransaction(db, async (trx) => {
    await lockPreviewed(trx, importId);
    await finishImport(trx, actor, importId, "discarded");
  });
}

/** The end of a preview: the uploaded file (personal data) is dropped and the outcome audited. */
async function finishImport(
  trx: Db,
  actor: Actor,
  importId: number,
  status: "committed" | "discarded",
  committed?: { result: AppliedImport; counts: ImportPlan["counts"] },
) {
  await trx
    .updateTable("directory_imports")
    .set({
      status,
      source: null,
      finished_at: new Date(),
      ...(committed ? { result: JSON.stringify(committed.result) } : {}),
    })
    .where("id", "=", importId)
    .execute();
  await writeAudit(trx, {
    actorId: actor.id,
    action: `directory_import.${status}`,
    subjectType: "directory_import",
    subjectId: importId,
    after: committed?.counts,
  });
}

/** Previews nobody confirmed within a day are discarded, so uploaded personal data does not linger. */
export async function discardStalePreviews(db: Db, olderThanMs = 24 * 60 * 60_000): Promise<number> {
  const result = await db
    .updateTable("directory_imports")
    .set({ status: "discarded", source: null, finished_at: new Date() })
    .where("status", "=", "previewed")
    .where("created_at", "<", new Date(Date.now() - olderThanMs))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
