import { sql, type RawBuilder, type SqlBool } from "kysely";

/**
 * Search boxes ignore accents and case: "ynys mon" finds "Ynys Môn". PostgreSQL's unaccent
 * extension is missing from PGlite, so both sides are folded the same way: decomposed (NFD) and
 * stripped of combining marks, then lower-cased, in SQL for the column and in JS for the typing.
 */
export const foldForSearch = (text: string): string =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

const containsPattern = (typed: string) => `%${foldForSearch(typed).replace(/[\\%_]/g, "\\$&")}%`;

/** `column` contains `typed`, ignoring accents and case. `column` is a trusted column reference. */
export function foldedContains(column: string, typed: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`lower(regexp_replace(normalize(${sql.ref(column)}, NFD), '[\\u0300-\\u036f]', '', 'g')) like ${containsPattern(typed)}`;
}
