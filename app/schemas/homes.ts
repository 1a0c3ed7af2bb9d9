import { idField } from "./ids.ts";
import { z } from "zod";

/** The weekly-digest switch on /account. */
export const digestPreferenceSchema = z.object({
  intent: z.literal("digest"),
  digest: z.enum(["on", "off"]),
});

/** Used by routes/account.tsx. */
export const accountIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("sign-out-others") }),
  z.object({
    intent: z.literal("end-session"),
    session: idField("That session is not in the list: reload the page"),
  }),
  digestPreferenceSchema,
]);
