import { sql } from "kysely";
import type { z } from "zod";
import { citizenSpaceActivitySchema, type CitizenSpaceClient } from "~/services/citizen-space.server.ts";
import {
  GOVUK_PAGE_SIZE,
  govukResultSchema,
  nationsFromApplicability,
  type GovukClient,
} from "~/services/govuk.server.ts";
import { SourceError, joinUrl } from "~/services/json-http.server.ts";
import type { Nation } from "~/schemas/consultations.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { jsonb } from "~/utils/jsonb.server.ts";
import type { TopicKeyword } from "~/utils/keyword-match.ts";
import { htmlToText, importedLine } from "~/utils/imported-text.ts";
import { londonDay } from "~/utils/london-time.ts";
import type { Consultation } from "./consultations.server.ts";
import { relevanceOf } from "./topic-keywords.server.ts";

/** A consultation as a source describes it, ready to upsert. */
type ImportedConsultation = Pick<
  Consultation,
  "title" | "description" | "body" | "level" | "nation" | "appliesTo" | "url" | "opensOn" | "closesOn"
> & { externalId: string };

export interface SkippedRecord {
  ref: string;
  reason: string;
}

/** Running totals of one sync run; kept when the run fails part-way so staff see what got in. */
export interface ImportTally {
  imported: number;
  updated: number;
  skipped: SkippedRecord[];
}

const MAX_PAGES = 100;

const firstIssue = (error: z.ZodError) => {
  const issue = error.issues[0];
  if (!issue) return "unreadable record";
  const field = issue.path.map(String).join(".");
  return field ? `${field}: ${issue.message}` : issue.message;
};

const refOf = (raw: unknown, keys: string[], fallback: string) => {
  if (raw && typeof raw === "object") {
    for (const key of keys) {
      const value: unknown = Reflect.get(raw, key);
      if (typeof value === "string" || typeof value === "number") return String(value);
    }
  }
  return fallback;
};

/** An opening date after the closing date would break the table's rule: drop it rather than the record. */
const sensibleOpening = (opensOn: string | null, closesOn: string) =>
  opensOn && opensOn <= closesOn ? opensOn : null;

/** Every page of GOV.UK's open consultations, paged with start/count until total. */
export async function importGovuk(
  db: Db,
  sourceId: number,
  client: GovukClient,
  { siteUrl, keywords, tally }: { siteUrl: string; keywords: readonly TopicKeyword[]; tally: ImportTally },
): Promise<void> {
  let start = 0;
  for (let pageNumber = 0; pageNumber < MAX_PAGES; pageNumber++) {
    const page = await client.searchOpenConsultations({ start, count: GOVUK_PAGE_SIZE });
    const records: ImportedConsultation[] = [];
    for (const [index, raw] of page.results.entries()) {
      const ref = refOf(raw, ["content_id", "link", "title"], `result ${start + index + 1}`);
      const parsed = govukResultSchema.safeParse(raw);
      if (!parsed.success) {
        tally.skipped.push({ ref, reason: firstIssue(parsed.error) });
        continue;
      }
      const result = parsed.data;
      let closing = result.end_date ?? null;
      let opening = result.public_timestamp ?? null;
      let appliesTo = nationsFromApplicability(result.national_applicability);
      if (!closing) {
        // Search sometimes lacks end_date; the content item always has the closing date.
        try {
          const content = await client.fetchContentDates(result.link);
          closing = content.closingDate;
          opening = content.openingDate ?? opening;
          appliesTo = appliesTo ?? content.appliesTo;
        } catch (error) {
          if (!(error instanceof SourceError)) throw error;
          tally.skipped.push({ ref, reason: `no end_date, and ${error.message}` });
          continue;
        }
      }
      if (!closing) {
        tally.skipped.push({ ref, reason: "no closing date in search or content" });
        continue;
      }
      const closesOn = londonDay(new Date(closing));
      const organisations = result.organisations
        .map((organisation) => importedLine(organisation.title))
        .filter(Boolean);
      records.push({
        externalId: result.content_id,
        title: importedLine(result.title),
        description: htmlToText(result.description ?? ""),
        body: organisations.length ? organisations.join(", ") : "UK Government",
        level: "national",
        nation: null,
        appliesTo: appliesTo ?? [],
        url: joinUrl(siteUrl, result.link).toString(),
        opensOn: sensibleOpening(opening ? londonDay(new Date(opening)) : null, closesOn),
        closesOn,
      });
    }
    await upsertConsultations(db, sourceId, records, keywords, tally);
    start += page.results.length;
    if (page.results.length === 0 || start >= page.total) return;
  }
}

const governmentBody: Record<Nation, string> = {
  england: "UK Government",
  scotland: "Scottish Government",
  wales: "Welsh Government",
  northern_ireland: "Northern Ireland Executive",
};

/** A Citizen Space site answers with every open activity in one list. */
export async function importCitizenSpace(
  db: Db,
  sourceId: number,
  client: CitizenSpaceClient,
  { nation, keywords, tally }: { nation: Nation; keywords: readonly TopicKeyword[]; tally: ImportTally },
): Promise<void> {
  const activities = await client.listOpenActivities();
  const records: ImportedConsultation[] = [];
  for (const [index, raw] of activities.entries()) {
    const ref = refOf(raw, ["id", "url", "title"], `activity ${index + 1}`);
    const parsed = citizenSpaceActivitySchema.safeParse(raw);
    if (!parsed.success) {
      tally.skipped.push({ ref, reason: firstIssue(parsed.error) });
      continue;
    }
    const activity = parsed.data;
    records.push({
      externalId: activity.id,
      title: importedLine(activity.title),
      description: htmlToText(activity.overview ?? ""),
      // A response goes to the government, not to the department that runs the consultation.
      body: governmentBody[nation],
      level: "devolved",
      nation,
      appliesTo: [nation],
      url: activity.url,
      opensOn: sensibleOpening(activity.startdate ?? null, activity.enddate),
      closesOn: activity.enddate,
    });
  }
  await upsertConsultations(db, sourceId, records, keywords, tally);
}

const BATCH = 500;

/**
 * Inserts new consultations and updates changed ones, by (source, external id), in one transaction
 * per batch; unchanged ones only have last_seen_at bumped. Relevance is recomputed from the text.
 */
async function upsertConsultations(
  db: Db,
  sourceId: number,
  records: readonly ImportedConsultation[],
  keywords: readonly TopicKeyword[],
  tally: ImportTally,
): Promise<void> {
  const seen = new Set<string>();
  const unique: ImportedConsultation[] = [];
  for (const record of records) {
    if (seen.has(record.externalId)) {
      tally.skipped.push({ ref: record.externalId, reason: "listed twice by the source" });
      continue;
    }
    seen.add(record.externalId);
    unique.push(record);
  }
  for (let offset = 0; offset < unique.length; offset += BATCH) {
    const batch = unique.slice(offset, offset + BATCH);
    await inTransaction(db, async (trx) => {
      const existing = await trx
        .selectFrom("consultations")
        .select([
          "external_id",
          "title",
          "description",
          "body",
          "level",
          "nation",
          "applies_to",
          "url",
          "opens_on",
          "closes_on",
        ])
        .where("source_id", "=", sourceId)
        .where(
          "external_id",
          "in",
          batch.map((record) => record.externalId),
        )
        .execute();
      const byId = new Map(existing.map((row) => [row.external_id, row]));
      const changed = batch.filter((record) => {
        const row = byId.get(record.externalId);
        return (
          !row ||
          row.title !== record.title ||
          row.description !== record.description ||
          row.body !== record.body ||
          row.level !== record.level ||
          row.nation !== record.nation ||
          JSON.stringify(row.applies_to) !== JSON.stringify(record.appliesTo) ||
          row.url !== record.url ||
          row.opens_on !== record.opensOn ||
          row.closes_on !== record.closesOn
        );
      });
      if (changed.length) {
        await trx
          .insertInto("consultations")
          .values(
            changed.map((record) => {
              const relevance = relevanceOf(record, keywords);
              return {
                source_id: sourceId,
                external_id: record.externalId,
                title: record.title,
                description: record.description,
                body: record.body,
                level: record.level,
                nation: record.nation,
                applies_to: jsonb(record.appliesTo),
                url: record.url,
                opens_on: record.opensOn,
                closes_on: record.closesOn,
                relevant: relevance.relevant,
                matched_keywords: jsonb(relevance.matched),
                last_seen_at: sql<Date>`now()`,
              };
            }),
          )
          .onConflict((oc) =>
            oc.columns(["source_id", "external_id"]).doUpdateSet((eb) => ({
              title: eb.ref("excluded.title"),
              description: eb.ref("excluded.description"),
              body: eb.ref("excluded.body"),
              level: eb.ref("excluded.level"),
              nation: eb.ref("excluded.nation"),
              // jsonb: the update side of the Json column type is its text form.
              applies_to: sql<string>`excluded.applies_to`,
              url: eb.ref("excluded.url"),
              opens_on: eb.ref("excluded.opens_on"),
              closes_on: eb.ref("excluded.closes_on"),
              relevant: eb.ref("excluded.relevant"),
              matched_keywords: sql<string>`excluded.matched_keywords`,
              last_seen_at: eb.ref("excluded.last_seen_at"),
              updated_at: sql<Date>`now()`,
            })),
          )
          .execute();
      }
      const unchanged = batch
        .filter((record) => !changed.includes(record))
        .map((record) => record.externalId);
      if (unchanged.length) {
        await trx
          .updateTable("consultations")
          .set({ last_seen_at: sql<Date>`now()` })
          .where("source_id", "=", sourceId)
          .where("external_id", "in", unchanged)
          .execute();
      }
      const inserted = changed.filter((record) => !byId.has(record.externalId)).length;
      tally.imported += inserted;
      tally.updated += changed.length - inserted;
    });
  }
}
