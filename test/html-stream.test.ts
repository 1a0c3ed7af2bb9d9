import { expect, test } from "vitest";
import { openTestDb } from "./db.ts";
import { startTestApp } from "./harness.ts";
import { figure, staffPerson } from "./positions-fixtures.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const staff = await staffPerson(db, "Priya Shah");

test("a page full of multi-byte characters arrives without stray NUL bytes (React 18's buffer edge), so it hydrates", async () => {
  // Labels of three-byte characters only: wherever React's 2,048-byte buffer ends inside one, the
  // character cannot fit, which is when React 18.3 flushed the unused zero bytes with the page.
  const labels = Array.from({ length: 12 }, (_, n) => `${"€".repeat(150 + n)} ${n}`);
  for (const label of labels) await figure(db, staff, { label });
  const page = await site.get("/evidence", { as: staff });
  expect(page.status).toBe(200);
  expect(page.bytes.includes(0)).toBe(false);
  for (const label of labels) expect(page.text).toContain(label);
});
