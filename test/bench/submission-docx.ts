/**
 * Submission export benchmark: a 60-question submission citing 200 evidence items, exported as
 * DOCX (target < 500 ms). Times the DOCX alone from a built document, and the whole export as the
 * route does it (load the submission, its questions and citations, then write the DOCX).
 * Run: npx tsx test/bench/submission-docx.ts [runs]   (embedded PGlite, in memory; prints ms)
 */
import { performance } from "node:perf_hooks";
import { createDb } from "../../db/client.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { createEvidence } from "../../app/models/evidence/evidence.server.ts";
import { createPerson } from "../../app/models/accounts/people.server.ts";
import { listQuestions, saveAnswer } from "../../app/models/submissions/answers.server.ts";
import { downloadSubmissionFile, submissionDocument } from "../../app/models/submissions/documents.server.ts";
import { createSubmission } from "../../app/models/submissions/starting.server.ts";
import { loadSubmission } from "../../app/models/submissions/submissions.server.ts";
import { submissionDocx } from "../../app/utils/submission-docx.server.ts";

const runs = Number(process.argv[2] ?? 30);
const QUESTIONS = 60;
const CITATIONS = 200;

const sentences = [
  "Public service mutuals deliver **£1bn** of services a year and reinvest their surplus in those services.",
  "Irrecoverable VAT on shared services costs a typical member the equivalent of *three posts*.",
  "Commissioners tell us that contract terms rarely reflect [social value](https://www.gov.uk/government/publications/social-value-act-information-and-resources).",
  "Pension transfer terms are the single largest barrier to new spin-outs.",
];

function answer(index: number, ids: number[]): string {
  const cite = (k: number) => `[@ev:${ids[(index * 4 + k) % ids.length]}]`;
  return [
    `${sentences[index % 4]} ${cite(0)}`,
    "",
    `- ${sentences[(index + 1) % 4]} ${cite(1)}`,
    `- ${sentences[(index + 2) % 4]} ${cite(2)}`,
    "",
    "::: england",
    `In England the Procurement Act 2023 applies. ${cite(3)}`,
    ":::",
    "",
    "::: scotland",
    "In Scotland the Procurement Reform (Scotland) Act 2014 applies.",
    ":::",
    "",
    `${sentences[(index + 3) % 4]} We would welcome a meeting to discuss this.`,
  ].join("\n");
}

const { db } = await createDb({});
await migrateToLatest(db);
const staff = await createPerson(db, null, { email: "bench@psmn.example", name: "Bench", role: "staff" });
const ids: number[] = [];
for (let i = 0; i < CITATIONS; i++) {
  const item = await createEvidence(db, staff, {
    kind: "figure",
    label: `Members reporting issue ${i + 1}`,
    value: String(10 + (i % 80)),
    unit: "%",
    n: 100 + i,
    asOf: "2026-09-30",
    sourceNote: "Members' survey, autumn 2026",
    url: null,
  });
  ids.push(item.id);
}
const consultation = await db
  .insertInto("consultations")
  .values({
    title: "Public procurement and social value",
    body: "Cabinet Office",
    level: "national",
    url: "https://www.gov.uk/government/consultations/bench",
    closes_on: "2027-03-01",
  })
  .returning("id")
  .executeTakeFirstOrThrow();
const { id } = await createSubmission(db, staff, {
  consultationId: consultation.id,
  government: "uk_government",
  leadId: staff.id,
  internalDeadline: "2027-02-22",
  preamble: "",
  questions: Array.from({ length: QUESTIONS }, (_, i) => ({
    number: String(i + 1),
    text: `Question ${i + 1}: how should the proposal treat public service mutuals?`,
  })),
});
for (const [index, question] of (await listQuestions(db, id)).entries()) {
  await saveAnswer(db, staff, {
    submissionId: id,
    questionId: question.id,
    baseVersion: 1,
    answer: answer(index, ids),
  });
}
const doc = await submissionDocument(db, await loadSubmission(db, id));
const cited = new Set(doc.questions.flatMap((q) => [...q.answer.matchAll(/\[@ev:(\d+)\]/g)].map((m) => m[1])))
  .size;

async function time(label: string, work: () => Promise<unknown>) {
  await work();
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) =>
    samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))] ?? 0;
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  console.log(
    `${label.padEnd(48)} p50 ${at(50).toFixed(1)} ms  p95 ${at(95).toFixed(1)} ms  p99 ${at(99).toFixed(1)} ms  ${(1000 / mean).toFixed(1)}/s`,
  );
}

const bytes = (await submissionDocx(doc)).length;
console.log(
  `Submission DOCX: ${QUESTIONS} questions, ${cited} distinct evidence items cited, ${CITATIONS} in the library, ${(bytes / 1024).toFixed(0)} KiB, ${runs} runs (target p95 < 500 ms)`,
);
await time("DOCX from a built document", () => submissionDocx(doc));
await time("export route path (load + citations + DOCX)", () =>
  downloadSubmissionFile(db, staff, id, "docx"),
);
await db.destroy();
