import { describe, expect, test } from "vitest";
import { openTestDb } from "./db.ts";
import { makeOrganisation, makeStaff } from "./directory-factories.ts";
import { startTestApp } from "./harness.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);

describe("pages carry no NUL bytes, whatever the script of their text", () => {
  test("a directory of organisations named in Japanese and Welsh comes out byte for byte", async () => {
    const staff = await makeStaff(db);
    // Three-byte characters in many short text nodes: one of them meets React's buffer edge.
    const names = Array.from(
      { length: 40 },
      (_, i) => `${"x".repeat(i % 3)}社会的企業${"あ".repeat(60 + i)} Ŵŷ ${i}`,
    );
    for (const name of names) await makeOrganisation(db, { name });

    const page = await site.get("/directory?sort=name", { as: staff });

    expect(page.status).toBe(200);
    expect(page.bytes.indexOf(0)).toBe(-1);
    for (const name of names.slice(0, 20)) expect(page.text).toContain(name);
  });
});
