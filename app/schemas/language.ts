import { z } from "zod";
import { languages } from "~/utils/i18n.ts";

/** The language switch's form: the language chosen and the page to go back to. */
export const languageChoiceSchema = z.object({
  language: z.enum(languages),
  returnTo: z.string().max(2000).default("/"),
});
