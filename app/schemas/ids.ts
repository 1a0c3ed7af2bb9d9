import { z } from "zod";

/**
 * Every id and version column is PostgreSQL int4. A number past its top reaches SQL as a parameter
 * PostgreSQL cannot cast ("out of range for type integer": a 500), so it is refused here, at the edge.
 */
export const MAX_ID = 2_147_483_647;

/**
 * A row id (or a version number) sent by a form or a URL: a whole number from 1 to MAX_ID. Zero,
 * negatives, 1e30 and "12abc" all get `message`, which the form shows against the field.
 */
export const idField = (message = "The form is missing what it refers to: reload the page") =>
  z.coerce.number({ error: message }).int(message).min(1, message).max(MAX_ID, message);
