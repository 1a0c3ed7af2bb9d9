import { z } from "zod";
import { oneLine } from "~/utils/one-line.ts";
import { say, hasControlCharacters } from "./messages-labels.ts";

export * from "./messages-labels.ts";

/** Text a person must type: trimmed, not empty, at most `max` characters. `what` reads "the title". */
export const requiredText = (what: string, max: number) =>
  z
    .string({ error: say.enter(what) })
    .trim()
    .min(1, say.enter(what))
    .max(max, say.tooLong(what, max))
    .refine((text) => !hasControlCharacters(text), say.controlCharacters(what));

/** Text that may be left empty: trimmed, at most `max` characters, and null when empty. */
export const optionalText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, say.tooLong(what, max))
    .refine((text) => !hasControlCharacters(text), say.controlCharacters(what))
    .optional()
    .transform((value) => value || null);

/** requiredText for a field shown on one line (a name, a title): line breaks and runs of spaces collapse. */
export const requiredLine = (what: string, max: number) =>
  z
    .string({ error: say.enter(what) })
    .transform(oneLine)
    .pipe(requiredText(what, max));

/** optionalText for a field shown on one line. */
export const optionalLine = (what: string, max: number) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined ? undefined : oneLine(value)))
    .pipe(optionalText(what, max));
