import { z } from "zod";
import { say } from "./messages-labels.ts";
import { optionalLine, requiredLine, requiredText } from "./messages.ts";
import { roles } from "./roles.ts";

export { roleLabels, roles, type Role } from "./roles.ts";
export const roleSchema = z.enum(roles);

/** Emails are compared and stored lower-cased and trimmed. */
export const emailSchema = requiredText("an email address", 254)
  .pipe(z.email(say.enter("an email address in the correct format, like name@example.org")))
  .transform((value) => value.toLowerCase());

/** A contact at a member organisation, as staff add or edit them. */
export const personFormSchema = z.object({
  name: requiredLine("the person's name", 200),
  email: emailSchema,
  jobTitle: optionalLine("the job title", 200),
  isLeader: z
    .enum(["yes"])
    .optional()
    .transform((value) => value === "yes"),
});
export type PersonForm = z.output<typeof personFormSchema>;
