import { describe, expect, test } from "vitest";
import { idField, MAX_ID } from "~/schemas/ids.ts";
import { openTestDb } from "./db.ts";
import { startTestApp } from "./harness.ts";
import { newPosition, staffPerson } from "./positions-fixtures.ts";

/** Ids a person never sends, but a crafted request does: each must be a 400 or 404, never a 500. */
const BAD_IDS = ["0", "-1", String(MAX_ID + 1), "1e30", "12abc", "", "1.5", "9".repeat(400)];

describe("the shared id field", () => {
  test("takes whole numbers from 1 to the top of int4, and nothing else", () => {
    const field = idField("Choose an owner");
    expect(field.parse("1")).toBe(1);
    expect(field.parse(String(MAX_ID))).toBe(MAX_ID);
    for (const bad of BAD_IDS) {
      const result = field.safeParse(bad);
      expect(result.success, bad).toBe(false);
      expect(result.error?.issues[0]?.message, bad).toBe("Choose an owner");
    }
  });
});

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const staff = await staffPerson(db, "Priya Shah");
const admin = await staffPerson(db, "Alex Morgan", "admin");
const position = await newPosition(db, staff, { title: "Pensions for transferred staff" });

const newPositionForm = (ownerId: string) => ({
  title: "Business rates relief",
  summary: "Mutuals should get the relief charities get.",
  topics: "business-rates",
  ownerId,
  body: "Charities get 80% relief; mutuals doing the same work do not.",
  note: "",
});

describe("ids from forms", () => {
  test.each(BAD_IDS)("an owner id of %j is a field error with the typing kept", async (ownerId) => {
    const answer = await site.post("/positions/new", newPositionForm(ownerId), { as: staff });
    expect(answer.status).toBe(400);
    expect(answer.data).toMatchObject({
      errors: { ownerId: "Choose an owner" },
      values: { title: "Business rates relief" },
    });
  });

  test("an owner id in range that names nobody is refused, not a 500", async () => {
    const answer = await site.post("/positions/new", newPositionForm(String(MAX_ID)), { as: staff });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
  });

  test.each(BAD_IDS)("a reviewer id of %j is a field error on the review form", async (reviewerId) => {
    const answer = await site.post(
      `/positions/${position.slug}?index`,
      { intent: "request-review", reviewerId, message: "Please look" },
      { as: staff },
    );
    expect(answer.status).toBe(400);
    expect(answer.data).toMatchObject({ errors: { "request-review-reviewerId": "Choose a reviewer" } });
  });

  test.each(BAD_IDS)("a base version id of %j is a 400, never a 500", async (baseVersionId) => {
    const answer = await site.post(
      `/positions/${position.slug}/edit`,
      { intent: "save", baseVersionId, ...newPositionForm(""), title: "Pensions, again" },
      { as: staff },
    );
    expect(answer.status).toBe(400);
    expect(answer.data).toMatchObject({ values: { title: "Pensions, again" } });
  });

  test.each(BAD_IDS)("a topic keyword id of %j is a 400", async (keywordId) => {
    const answer = await site.post(
      "/consultations/topics",
      { intent: "remove-keyword", keywordId },
      { as: staff },
    );
    expect(answer.status).toBe(400);
  });

  test.each(BAD_IDS)("an outbox retry of email %j is a 400", async (id) => {
    const answer = await site.post("/admin/outbox", { intent: "retry", id }, { as: admin });
    expect(answer.status).toBe(400);
  });
});

describe("ids in addresses", () => {
  test.each(BAD_IDS.filter(Boolean))("/evidence/%s and friends are 404s", async (id) => {
    for (const path of [`/evidence/${id}`, `/directory/${id}`, `/surveys/${id}`, `/consultations/${id}`]) {
      const answer = await site.get(path, { as: staff });
      expect(answer.status, path).toBe(404);
    }
  });
});
