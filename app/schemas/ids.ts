import { z } from "zod";
import { MAX_ID } from "./ids-labels.ts";

export * from "./ids-labels.ts";

/**
 * A row id (or a version number) sent by a form or a URL: a whole number from 1 to MAX_ID. Zero,
 * negatives, 1e30 and "12abc" all get `message`, which the form shows against the field.
 */
export const idField = (message = "The form is missing what it refers to: reload the page") =>
  z.coerce.number({ error: message }).int(message).min(1, message).max(MAX_ID, message);
