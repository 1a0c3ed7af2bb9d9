import { describe, expect, test } from "vitest";
import {
  countFrozenCitations,
  freezeCitations,
  liveCitationSources,
} from "~/models/evidence/citations.server.ts";
import {
  createEvidence,
  getEvidence,
  listEvidence,
  withdrawEvidence,
} from "~/models/evidence/evidence.server.ts";
import { evidenceValue } from "~/models/evidence/values.server.ts";
import { newEvidenceSchema } from "~/schemas/evidence.ts";
import { formatEvidenceNumber } from "~/utils/evidence-text.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { openTestDb } from "./db.ts";
import { figure, memberPerson, source, staffPerson } from "./positions-fixtures.ts";

const { db } = await openTestDb();
const staff = await staffPerson(db, "Priya Shah");
const member = await memberPerson(db);

describe("the evidence library", () => {
  test("keeps sources, figures and quotes, each with its own fields, and audits every addition", async () => {
    const s = await source(db, staff);
    expect(s).toMatchObject({
      kind: "source",
      status: "active",
      publisher: "HM Revenue & Customs",
      publishedOn: "2024-06-12",
    });
    const f = await figure(db, staff, { value: "1250000.5" });
    expect(f).toMatchObject({ kind: "figure", value: "1250000.5000", unit: "%", n: 312, asOf: "2025-03-31" });
    const q = await createEvidence(db, staff, {
      kind: "quote",
      label: "Chief executive on VAT",
      quoteText: "We lose a nurse's salary to VAT every month.",
      anonymous: "yes",
      attribution: "Northgate CEO",
      consentMethod: "written",
      consentOn: "2025-04-02",
    });
    expect(q).toMatchObject({ kind: "quote", anonymous: true, attribution: null, consentMethod: "written" });
    const audits = await db
      .selectFrom("audit_log")
      .select("subject_id")
      .where("action", "=", "evidence.created")
      .execute();
    expect(audits.map((row) => row.subject_id)).toEqual(
      expect.arrayContaining([String(s.id), String(f.id), String(q.id)]),
    );
  });

  test("the form schema demands what each kind needs and explains in plain words", () => {
    const figureResult = newEvidenceSchema.safeParse({
      kind: "figure",
      label: "x",
      value: "lots",
      asOf: "31/03/2025",
      sourceNote: "",
    });
    expect(figureResult.success).toBe(false);
    const messages = figureResult.error?.issues.map((issue) => issue.message) ?? [];
    expect(messages).toContain("Enter the number using digits, like 42 or 1250.5");
    expect(messages).toContain("Enter the date the figure describes as YYYY-MM-DD, like 2025-03-31");
    const quote = newEvidenceSchema.safeParse({
      kind: "quote",
      label: "x",
      quoteText: "y",
      anonymous: "no",
      consentMethod: "written",
      consentOn: "2025-01-01",
    });
    expect(quote.error?.issues[0]).toMatchObject({
      path: ["attribution"],
      message: "Enter who said it, or mark the quote as anonymous",
    });
    const badUrl = newEvidenceSchema.safeParse({
      kind: "source",
      label: "x",
      title: "t",
      publisher: "p",
      url: "javascript:alert(1)",
    });
    expect(badUrl.error?.issues[0]?.message).toBe("Enter a web address starting with https:// or http://");
    expect(
      newEvidenceSchema.safeParse({
        kind: "figure",
        label: "x",
        value: "1,250",
        asOf: "2025-03-31",
        sourceNote: "s",
        n: "1,024",
      }).data,
    ).toMatchObject({ value: "1250", n: 1024 });
  });

  test("members never see the library", async () => {
    const item = await source(db, staff);
    await expect(getEvidence(db, member, item.id)).rejects.toMatchObject({ status: 404 });
    await expect(listEvidence(db, member)).rejects.toMatchObject({ status: 404 });
    await expect(source(db, member)).rejects.toMatchObject({ status: 404 });
  });

  test("lists filter by kind, status and words, 50 a page", async () => {
    for (let i = 0; i < 52; i++) await figure(db, staff, { label: `Paged figure ${i}` });
    const first = await listEvidence(db, staff, { kind: "figure", q: "paged figure" });
    expect(first.total).toBe(52);
    expect(first.items).toHaveLength(50);
    const second = await listEvidence(db, staff, { kind: "figure", q: "paged figure", page: 2 });
    expect(second.items.map((item) => item.label)).toEqual(["Paged figure 1", "Paged figure 0"]);
    expect((await listEvidence(db, staff, { q: "100%_\\" })).total).toBe(0);
  });

  test("withdrawing is audited, refuses a second time, and flags citations", async () => {
    const item = await figure(db, staff);
    const withdrawn = await withdrawEvidence(db, staff, item.id, "Superseded by the 2026 survey");
    expect(withdrawn).toMatchObject({
      status: "withdrawn",
      withdrawnReason: "Superseded by the 2026 survey",
    });
    await expect(withdrawEvidence(db, staff, item.id, "again")).rejects.toBeInstanceOf(Refusal);
    const sources = await liveCitationSources(db, [item.id, 999_999]);
    expect(sources.get(item.id)?.problem).toBe("withdrawn");
    expect(sources.has(999_999)).toBe(false);
    const audit = await db
      .selectFrom("audit_log")
      .select(["before", "after"])
      .where("action", "=", "evidence.withdrawn")
      .where("subject_id", "=", String(item.id))
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ status: "withdrawn" });
  });
});

describe("evidenceValue", () => {
  test("live: the stored value with its unit, n and date, for items that existed then", async () => {
    const item = await figure(db, staff, { value: "62.5" });
    const value = await evidenceValue(db, item.id, { asOf: new Date() });
    expect(value).toMatchObject({ value: "62.5000", n: 312, on: "2025-03-31", live: true, problem: null });
    expect(value?.text).toBe(
      "Members paying irrecoverable VAT: 62.5%, 31 March 2025. Source: Members' VAT survey, spring 2025",
    );
    expect(await evidenceValue(db, item.id, { asOf: new Date("2000-01-01") })).toBeNull();
    expect(await evidenceValue(db, 2_000_000_000, { asOf: new Date() })).toBeNull();
  });

  test("frozen: what a signed-off document cited, even after the item changes", async () => {
    const item = await figure(db, staff, { value: "40" });
    const subject = { type: "test_document", id: 1 };
    expect(await freezeCitations(db, subject, [item.id])).toBe(1);
    await db.updateTable("evidence_items").set({ value: "45", n: 400 }).where("id", "=", item.id).execute();
    expect(await freezeCitations(db, subject, [item.id])).toBe(0);
    const frozen = await evidenceValue(db, item.id, { frozen: subject });
    expect(frozen).toMatchObject({ value: "40.0000", n: 312, live: false, problem: null });
    expect(frozen?.text).toContain(": 40%");
    expect((await evidenceValue(db, item.id, { asOf: new Date() }))?.value).toBe("45.0000");
    expect(await evidenceValue(db, item.id, { frozen: { type: "test_document", id: 2 } })).toBeNull();
    expect(await countFrozenCitations(db, item.id)).toBe(1);
  });

  test("a withdrawn item is not frozen into a new document", async () => {
    const item = await figure(db, staff);
    await withdrawEvidence(db, staff, item.id, "wrong");
    expect(await freezeCitations(db, { type: "test_document", id: 3 }, [item.id])).toBe(0);
  });

  test("numbers are shown exactly, grouped, without trailing zeros", () => {
    expect(formatEvidenceNumber("1250000.5000")).toBe("1,250,000.5");
    expect(formatEvidenceNumber("-42.0000")).toBe("-42");
    expect(formatEvidenceNumber("0.0100")).toBe("0.01");
  });
});
