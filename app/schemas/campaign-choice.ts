import { z } from "zod";
import { idField } from "./ids.ts";
import { say } from "./messages.ts";

/**
 * "Campaign (optional)" on the forms that create a position, survey, letter, submission or
 * evidence item: empty is none; anything else must be a campaign id (the model checks it is one
 * that still takes items).
 */
export const campaignChoice = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  idField(say.choose("a campaign from the list")).optional(),
);
