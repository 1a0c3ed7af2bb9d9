import { mkdtemp, readdir, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { sweepOrphanBlobs } from "~/models/files/files.server.ts";
import { localFileStore, stageUpload } from "~/services/storage.server.ts";
import { openTestDb } from "../db.ts";

const { db } = await openTestDb();
const root = await mkdtemp(path.join(tmpdir(), "mv-sweep-"));
const store = localFileStore(root);
const HOUR = 60 * 60_000;

async function* bytesOf(text: string) {
  yield new TextEncoder().encode(text);
}

/** Bytes in the store, last written `ageMs` ago. */
async function blob(text: string, ageMs: number) {
  const staged = await stageUpload(root, bytesOf(text), 1024);
  await store.put(staged);
  const when = new Date(Date.now() - ageMs);
  await utimes(path.join(root, "blobs", staged.sha256.slice(0, 2), staged.sha256), when, when);
  return staged.sha256;
}

const held = async () => {
  const hashes: string[] = [];
  for await (const hash of store.listOlderThan(new Date(Date.now() + HOUR))) hashes.push(hash);
  return hashes.sort();
};

test("the sweep removes old bytes no row names, and keeps named bytes, fresh bytes and fresh staging", async () => {
  const named = await blob("named by a row", 3 * HOUR);
  await db
    .insertInto("stored_files")
    .values({
      sha256: named,
      size_bytes: 14,
      media_type: "text/csv",
      filename: "named.csv",
      purpose: "evidence",
      organisation_id: null,
      uploaded_by: null,
    })
    .execute();
  const orphan = await blob("left by a crash", 3 * HOUR);
  // An upload in flight: its bytes are written, its row not yet.
  const inFlight = await blob("an upload in flight", 5 * 60_000);
  // Bytes once orphaned, uploaded again just now: the put made them fresh before their row exists.
  const again = await blob("uploaded again", 3 * HOUR);
  await store.put(await stageUpload(root, bytesOf("uploaded again"), 1024));
  // A staged upload abandoned by a stopped process, and one still arriving.
  const staging = path.join(root, "staging");
  await writeFile(path.join(staging, "abandoned"), "half");
  const old = new Date(Date.now() - 3 * HOUR);
  await utimes(path.join(staging, "abandoned"), old, old);
  await writeFile(path.join(staging, "arriving"), "half");

  const swept = await sweepOrphanBlobs(db, store);
  expect(swept).toEqual({ blobs: 1, staged: 1 });
  expect(await held()).toEqual([named, inFlight, again].sort());
  expect(await held()).not.toContain(orphan);
  expect(await readdir(staging)).toEqual(["arriving"]);
  // Nothing left to do the second time.
  expect(await sweepOrphanBlobs(db, store)).toEqual({ blobs: 0, staged: 0 });
});
