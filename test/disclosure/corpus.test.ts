import { describe, expect, test } from "vitest";
import { auditTable } from "~/utils/disclosure-audit.ts";
import { protectTable } from "~/utils/disclosure.ts";
import { generateCorpus } from "./corpus.ts";

/**
 * The audit over 1,000 generated tables (1–12 groups, 2–12 answers, 20–2,000 respondents, skewed
 * and sparse, a quarter multiple choice; thresholds 3, 5 and 10): for every suppressed count, the
 * range a reader can narrow it to from what the table publishes.
 */
const corpus = generateCorpus(1000);

describe("the audit over a generated corpus", () => {
  test("no suppressed count pinned to one value; protected ranges kept in all but a documented few", () => {
    let audited = 0;
    const narrowed: string[] = [];
    for (const [i, { table, threshold }] of corpus.entries()) {
      const published = protectTable(table, threshold, { exact: false });
      for (const count of auditTable(table, published)) {
        audited++;
        expect(count.lo < count.hi || count.mustLo === count.mustHi, `table ${i} ${count.where}`).toBe(true);
        if (count.disclosed) narrowed.push(`table ${i}`);
      }
    }
    expect(audited).toBeGreaterThan(10_000);
    // A few tables (1.5%) keep a protected count a little narrower than its whole range and cannot
    // do better without hiding a group's or everyone's total (a "did not tick" that must be able to
    // reach 0 beside a "fewer than N" tick count in a group of exactly N; a threshold of 10 with a
    // group of 9). None is pinned (checked above). The report lists them.
    expect(new Set(narrowed).size, [...new Set(narrowed)].join(", ")).toBeLessThanOrEqual(20);
    // About 7 s of CPU; the shared machine's load stretches the wall clock.
  }, 120_000);
});
