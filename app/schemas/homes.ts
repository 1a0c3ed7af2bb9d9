import { z } from "zod";

/** The weekly-digest switch on /account. */
export const digestPreferenceSchema = z.object({
  intent: z.literal("digest"),
  digest: z.enum(["on", "off"]),
});
