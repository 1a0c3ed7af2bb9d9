/**
 * The shapes disclosure control works on: a frequency table as counted, and as published.
 * (Types only, so every disclosure module can name them without importing the others.)
 */
import type { ExactLimits } from "~/utils/disclosure-solver.ts";

/**
 * shown: the number; hidden: suppressed, whatever the reason (a table never says which); small:
 * "fewer than N", only for a count published on its own (`protectCount`).
 */
export type CellStatus = "shown" | "small" | "hidden";

export interface ProtectedCell {
  /** null unless shown. */
  value: number | null;
  status: CellStatus;
}

export interface FrequencyTable {
  /** counts[group][answer]. */
  counts: readonly (readonly number[])[];
  /** Respondents in each group who answered the question. */
  rowTotals: readonly number[];
  /**
   * True when each respondent gives exactly one answer (single choice, yes/no, scale points), so
   * each row adds up to its total; false for multiple choice.
   */
  exclusive: boolean;
}

export interface ProtectedTable {
  threshold: number;
  cells: ProtectedCell[][];
  rowTotals: ProtectedCell[];
  columnTotals: ProtectedCell[];
  grandTotal: ProtectedCell;
  /**
   * True when no suppression pattern protects the table, even with its small groups shown as one:
   * every count of the breakdown is then withheld (its "hidden" says nothing about the count, not
   * even that it is not 0), and only the totals the table without a breakdown shows stay shown.
   */
  withheld?: boolean;
  /**
   * Groups shown as one row because no pattern protects them one by one: their indices (in
   * order) and that row's counts and total. Their own rows are then all hidden.
   */
  merged?: MergedRow;
}

export interface MergedRow {
  rows: number[];
  cells: ProtectedCell[];
  total: ProtectedCell;
}

export interface ProtectOptions {
  /** False: the greedy answer only (for measuring it against the exact one). */
  exact?: boolean;
  /** For the benchmark's optimum: no size or time limit on the exact solver. */
  unlimited?: boolean;
  /** The exact step's work limits (tests force it to give up with small ones). */
  exactLimits?: ExactLimits;
}
