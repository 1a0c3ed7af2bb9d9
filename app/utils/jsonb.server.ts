import { sql } from "kysely";
import type { Json } from "../../db/schema.ts";

/**
 * A jsonb value for a query. Stringified because pg would send a JS array as a Postgres array
 * literal; typed as the column's Json so it fits columns declared with a default (Generated<Json>).
 */
export const jsonb = (value: unknown) => sql<Json>`${JSON.stringify(value)}::jsonb`;
