/**
 * Positions benchmarks: render a 20-page position with 50 citations (with and without the
 * evidence lookup), diff two 20-page versions, and diff two governments' variants.
 * Run: npx tsx test/bench/positions.ts [runs]   (embedded PGlite, in memory; prints ms)
 */
import { performance } from "node:perf_hooks";
import { createDb } from "../../db/client.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { liveCitationSources } from "../../app/models/evidence/citations.server.ts";
import { createEvidence } from "../../app/models/evidence/evidence.server.ts";
import { createPerson } from "../../app/models/accounts/people.server.ts";
import { createPosition, getVersion, renderVersion } from "../../app/models/positions/positions.server.ts";
import { blockScopes } from "../../app/schemas/governments.ts";
import { wordDiff } from "../../app/utils/diff.ts";
import { renderMarkdown, variantMarkdown } from "../../app/utils/markdown.server.ts";

const runs = Number(process.argv[2] ?? 30);
const WORDS_PER_PAGE = 500;
const PAGES = 20;
const CITATIONS = 50;

const vocabulary =
  "mutual staff council commissioning contract value social pension scheme transfer VAT recovery public service employee ownership procurement tender evidence members report funding grant health care library leisure youth".split(
    " ",
  );

function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** About 20 pages: headings, paragraphs, lists, nation blocks, and 50 citations spread through. */
function document(evidenceIds: number[], seed: number): string {
  const random = rng(seed);
  const word = () => vocabulary[Math.floor(random() * vocabulary.length)] ?? "mutual";
  const parts: string[] = [];
  let words = 0;
  let cited = 0;
  const paragraphsTotal = Math.ceil((PAGES * WORDS_PER_PAGE) / 80);
  for (let paragraph = 0; words < PAGES * WORDS_PER_PAGE; paragraph++) {
    if (paragraph % 8 === 0) parts.push(`## Section ${paragraph / 8 + 1}`);
    const sentence = Array.from({ length: 80 }, word);
    words += sentence.length;
    const every = Math.max(1, Math.floor(paragraphsTotal / CITATIONS));
    let text = `${sentence.join(" ")}.`;
    if (paragraph % 11 === 5)
      text = `- ${sentence.slice(0, 40).join(" ")}\n- ${sentence.slice(40).join(" ")}`;
    if (paragraph % every === 0 && cited < CITATIONS)
      text += ` [@ev:${evidenceIds[cited++ % evidenceIds.length]}]`;
    const scope = blockScopes[paragraph % 7];
    parts.push(
      scope && paragraph % 7 < blockScopes.length && paragraph % 3 === 0
        ? `::: ${scope}\n${text}\n:::`
        : text,
    );
  }
  return parts.join("\n\n");
}

/** About one word in twenty changed, in runs, as an editor's revision would. */
function revise(text: string, seed: number): string {
  const random = rng(seed);
  return text
    .split(" ")
    .map((token) => (random() < 0.05 && !token.includes("[") && !token.includes(":") ? "revised" : token))
    .join(" ");
}

async function time(label: string, work: () => unknown | Promise<unknown>) {
  await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  const p95 = samples[Math.min(samples.length - 1, Math.ceil(samples.length * 0.95) - 1)] ?? mean;
  console.log(
    `${label.padEnd(58)} mean ${mean.toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms   (${runs} runs)`,
  );
}

const { db } = await createDb({});
await migrateToLatest(db);
const staff = await createPerson(db, null, { email: "bench@psmn.example", name: "Bench", role: "staff" });
const ids: number[] = [];
for (let i = 0; i < CITATIONS; i++) {
  const item = await createEvidence(db, staff, {
    kind: "figure",
    label: `Figure ${i}`,
    value: String(10 + i),
    unit: "%",
    n: 100 + i,
    asOf: "2025-03-31",
    sourceNote: "Members' survey",
    url: null,
  });
  ids.push(item.id);
}
const body = document(ids, 1);
const revised = revise(body, 2);
const position = await createPosition(db, staff, {
  title: "Bench",
  summary: "",
  topics: ["vat"],
  ownerId: staff.id,
  isPublic: false,
  body,
  note: "",
});
const version = await getVersion(db, staff, position, position.currentVersionId);
const evidence = await liveCitationSources(db, ids);
const words = body.split(/\s+/).length;
const rendered = renderMarkdown(body, evidence);
console.log(
  `Document: ${words.toLocaleString("en-GB")} words (~${PAGES} pages), ${body.length.toLocaleString("en-GB")} characters, ${rendered.footnotes.length} footnotes; revision changes ${wordDiff(body, revised).addedWords} words`,
);

await time("render 20 pages, 50 citations (Markdown only)", () =>
  renderMarkdown(body, evidence, { mode: "editor" }),
);
await time("render 20 pages, 50 citations (with evidence lookup, PGlite)", () =>
  renderVersion(db, position, version, { mode: "editor" }),
);
await time("render the Scottish Government variant", () =>
  renderMarkdown(body, evidence, { government: "scottish_government" }),
);
await time("diff two 20-page versions (word level)", () => wordDiff(body, revised));
await time("diff two governments' variants of 20 pages", () =>
  wordDiff(variantMarkdown(body, "uk_government"), variantMarkdown(body, "welsh_government")),
);
await db.destroy();
