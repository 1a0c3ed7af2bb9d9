import { describe, expect, test } from "vitest";
import { protectTable, type ProtectOptions } from "~/utils/disclosure.ts";
import { generateCorpus, generateTable, seeded } from "./corpus.ts";

/**
 * Two looks at one table must give one pattern, or a reader combining them learns more than
 * either shows: the answer is a function of the table alone, whatever the machine's load, also
 * when the exact step gives up (its limits count work, not time).
 */
const random = seeded(77);
const tables = [
  ...generateCorpus(12, 4242),
  generateTable(random, { groups: 12, answers: 12 }),
  generateTable(random, { groups: 6, answers: 2 }),
];
const settings: [string, ProtectOptions][] = [
  ["default", {}],
  ["exact step gives up after one audit", { exactLimits: { audits: 1, nodes: 1000 } }],
  ["exact step with one node", { exactLimits: { audits: 100, nodes: 1 } }],
];

describe("protection is deterministic", () => {
  test.each(settings)(
    "%s: the same table always gets the same pattern",
    (_, options) => {
      for (const { table, threshold } of tables) {
        const first = JSON.stringify(protectTable(table, threshold, options));
        for (let i = 0; i < 8; i++) {
          expect(JSON.stringify(protectTable(table, threshold, options))).toBe(first);
        }
      }
    },
    240_000,
  );
});
