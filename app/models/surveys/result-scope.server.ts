import { sql, type RawBuilder } from "kysely";
import type { BreakdownAttribute, ResultsFilter } from "~/schemas/survey-results.ts";
import type { Survey } from "./surveys.server.ts";

/** Which responses a result counts: submitted ones, maybe only one group's, maybe only up to a day. */

export type Breakdown = BreakdownAttribute | "none";

export interface ResultsScope {
  by: Breakdown;
  filter: ResultsFilter | null;
  /** Count responses submitted on or before this London day ('YYYY-MM-DD'); all when absent. */
  asOf?: string | null;
}

/** The SQL condition on survey_responses (as `r`) for a survey's responses in scope. */
export function responseConditions(surveyId: number, scope: ResultsScope): RawBuilder<unknown> {
  const parts = [sql`r.survey_id = ${surveyId}`, sql`r.status = 'submitted'`];
  if (scope.filter) parts.push(sql`r.${sql.ref(scope.filter.attribute)} = ${scope.filter.value}`);
  if (scope.asOf) parts.push(sql`r.submitted_on <= ${scope.asOf}`);
  return sql.join(parts, sql` and `);
}

/** Anonymous surveys store each attribute only where it is not identifying, one at a time. */
export function checkScope(survey: Pick<Survey, "anonymity">, scope: ResultsScope): ResultsScope {
  if (
    survey.anonymity === "anonymous" &&
    scope.filter &&
    scope.by !== "none" &&
    scope.by !== scope.filter.attribute
  ) {
    return { ...scope, filter: null };
  }
  return scope;
}
