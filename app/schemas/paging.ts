import { z } from "zod";

export const PAGE_SIZE = 50;

/** A page number from the query string; anything odd falls back to the first page rather than failing. */
export const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);
