import { z } from "zod";
import { emailSchema } from "./people.ts";

export const signInSchema = z.object({
  email: emailSchema,
  redirectTo: z.string().max(2000).optional(),
});

/** The button on an emailed link's page: it sends the link's token, which only then is spent. */
export const verifySignInSchema = z.object({ token: z.string().trim().min(1).max(200) });
