import { z } from "zod";
import { emailSchema } from "./people.ts";

export const signInSchema = z.object({
  email: emailSchema,
  redirectTo: z.string().max(2000).optional(),
});
