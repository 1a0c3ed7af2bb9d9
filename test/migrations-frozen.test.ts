import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { expect, test } from "vitest";

/**
 * A migration that has landed has run on databases we cannot reach again: editing it changes nothing
 * there and leaves them behind (the letters and surveys migrations once were, and needed
 * 20261203160000_mend_letters_surveys_as_landed). Each landed file's sha256 is held here; a change to
 * one fails, and so does a new file until its sum is added, which is the moment it lands.
 */
const LANDED: Record<string, string> = {
  "20261126100000_foundation": "a699abb4d0b3a6ff9d5493be7df5c88808d19877d1404296e0a3d9d636a8ad8d",
  "20261126110000_directory": "7a5d1df32898d279b4b5c65f9b3b6fffa760c8527f46f83fcddb6052ed368c4b",
  "20261126120000_positions": "fccb9ffc2afa45f893e6d710f07aeeb3ad2745a53ceb43e1722eb05532691e3a",
  "20261126130000_letters": "a740c5f7d43fea63a909f063217abf95a21f38a772b673c4d3ce3955672af7fa",
  "20261126140000_surveys": "1ef94ca051e0d7e0dbac841d48aa71891324cada73ef019400fb3ed11e4ca4d7",
  "20261126150000_consultations": "eb1f67dad466412671eb92710f8d80a9e8b03ec256420498cd3483602e85aa86",
  "20261126160000_submissions": "554caa4c25f41b9bab199684ef8552818e4b6918769da2fd452696902ac471d5",
  "20261203160000_mend_letters_surveys_as_landed":
    "d04ceb3af93e8884f928d2be4ec4a5b2417da8d48c0136b99e5c853142da7f41",
  "20261203170000_invitation_tokens": "d6726fd5876924b292030c27cd4064dbf7a7fa54b62212abfe7fe0f75a05c37d",
  "20261203180000_homes": "7f9258f8c872b5cc67dd1a6032321cb4374f69c8ec58f25dffd2d0949661a788",
  "20261203185000_outbox_props_and_jobs": "67ce97552960c8e6e5c2bf2e286fff57855174fcacd79c9799d071daed655c04",
  "20261203190000_evidence_notices_and_digest":
    "20f5ea590d9e0642a878a06c60542388b4947a41fed26bee8aafd83de539e389",
  "20261204180000_signature_addresses": "8379862fbb677536eb4f0192748feecf43badce92407c396ba428849f50bd287",
  "20261204181000_survey_conditions_and_files":
    "0ada078813806dbadf6c8067fc130cd1796ab87a5fb268bdf4d3208d763350fc",
  "20261204190000_submission_snapshots": "0d25306152e519739b04e646e6b5630c5ac614bc9a2fbce0cf55009555f0d398",
  "20261204182000_second_factor": "f4f3a7f0e2b4749896af538d5c0d9f9b6c118f91e11cc11f6fcd6b5401499d6e",
  "20261204191000_campaigns": "8d15c47f3e4b72b533a5a837c0428938e7986665d71a78fc6230a900806956dc",
};

const folder = new URL("../db/migrations/", import.meta.url);

async function sumsOnDisk() {
  const files = (await readdir(folder)).filter((file) => file !== "index.ts" && file.endsWith(".ts")).sort();
  const sums = new Map<string, string>();
  for (const file of files) {
    // A checkout with Windows line endings is the same migration.
    const text = (await readFile(new URL(file, folder), "utf8")).replace(/\r\n/g, "\n");
    sums.set(file.replace(/\.ts$/, ""), createHash("sha256").update(text).digest("hex"));
  }
  return sums;
}

test("no landed migration has been edited", async () => {
  const changed = [...(await sumsOnDisk())]
    .filter(([name, sum]) => name in LANDED && LANDED[name] !== sum)
    .map(([name]) => name);
  expect(changed, `migrations are frozen; add a new one (changed: ${changed.join(", ")})`).toEqual([]);
});

test("no landed migration has been deleted or renamed", async () => {
  const onDisk = await sumsOnDisk();
  const missing = Object.keys(LANDED).filter((name) => !onDisk.has(name));
  expect(missing, `migrations are frozen; add a new one (missing: ${missing.join(", ")})`).toEqual([]);
});

test("every migration has a checksum entry", async () => {
  const unlisted = [...(await sumsOnDisk())].filter(([name]) => !(name in LANDED));
  const lines = unlisted.map(([name, sum]) => `  "${name}": "${sum}",`).join("\n");
  expect(
    unlisted.map(([name]) => name),
    `a migration has no checksum: when it lands, add its line to LANDED in test/migrations-frozen.test.ts\n${lines}`,
  ).toEqual([]);
});
