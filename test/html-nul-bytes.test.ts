import { describe, expect, test } from "vitest";
import { openTestDb } from "./db.ts";
import { makeOrganisation, makeStaff } from "./directory-factories.ts";
import { startTestApp } from "./harness.ts";
import { figure } from "./positions-fixtures.ts";

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

  test("the evidence library with euro-sign labels arrives whole, so it hydrates (React error #423 before)", async () => {
    const staff = await makeStaff(db);
    const labels = Array.from({ length: 12 }, (_, n) => `${"€".repeat(150 + n)} ${n}`);
    for (const label of labels) await figure(db, staff, { label });

    const page = await site.get("/evidence", { as: staff });

    expect(page.status).toBe(200);
    expect(page.bytes.indexOf(0)).toBe(-1);
    for (const label of labels) expect(page.text).toContain(label);
  });
});
