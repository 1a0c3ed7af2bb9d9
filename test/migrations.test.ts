import { readdir } from "node:fs/promises";
import { expect, test } from "vitest";
import { migrations } from "../db/migrations/index.ts";

test("every migration file is registered, in timestamp order, with a timestamped name", async () => {
  const files = (await readdir(new URL("../db/migrations/", import.meta.url)))
    .filter((file) => file !== "index.ts")
    .map((file) => file.replace(/\.ts$/, ""))
    .sort();
  expect(Object.keys(migrations)).toEqual(files);
  for (const name of files) expect(name).toMatch(/^\d{14}_[a-z0-9_]+$/);
});
