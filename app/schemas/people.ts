import { z } from "zod";

export const roles = ["admin", "staff", "member"] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles);

export const roleLabels: Record<Role, string> = {
  admin: "Administrator",
  staff: "Policy staff",
  member: "Member contact",
};

/** Emails are compared and stored lower-cased and trimmed. */
export const emailSchema = z
  .string({ error: "Enter an email address" })
  .trim()
  .min(1, "Enter an email address")
  .max(254, "Email address must be 254 characters or fewer")
  .pipe(z.email("Enter an email address in the correct format, like name@example.org"))
  .transform((value) => value.toLowerCase());

/** A contact at a member organisation, as staff add or edit them. */
export const personFormSchema = z.object({
  name: z
    .string({ error: "Enter the person's name" })
    .trim()
    .min(1, "Enter the person's name")
    .max(200, "The name must be 200 characters or fewer"),
  email: emailSchema,
  jobTitle: z
    .string()
    .trim()
    .max(200, "The job title must be 200 characters or fewer")
    .transform((value) => value || null),
  isLeader: z
    .enum(["yes"])
    .optional()
    .transform((value) => value === "yes"),
});
export type PersonForm = z.output<typeof personFormSchema>;
