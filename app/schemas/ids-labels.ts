// Split from ids.ts: what a page may need in the browser, without zod (see the javascript budget test).

/**
 * Every id and version column is PostgreSQL int4. A number past its top reaches SQL as a parameter
 * PostgreSQL cannot cast ("out of range for type integer": a 500), so it is refused here, at the edge.
 */
export const MAX_ID = 2_147_483_647;
