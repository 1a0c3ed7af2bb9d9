import { z } from "zod";

export * from "./paging-labels.ts";

/** A page number from the query string; anything odd falls back to the first page rather than failing. */
export const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);
