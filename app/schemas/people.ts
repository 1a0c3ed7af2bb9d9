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
