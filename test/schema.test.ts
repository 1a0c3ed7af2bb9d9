import { readFile } from "node:fs/promises";
import { expect, test } from "vitest";
import { generateSchemaSource } from "../db/schema-gen.ts";
import { openTestDb } from "./db.ts";

const { db } = await openTestDb();

test("db/schema.ts matches the migrated database (regenerate with npm run db:schema)", async () => {
  const committed = await readFile(new URL("../db/schema.ts", import.meta.url), "utf8");
  expect(committed).toBe(await generateSchemaSource(db));
});
