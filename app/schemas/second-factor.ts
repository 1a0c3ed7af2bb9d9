import { z } from "zod";
import { idField } from "./ids.ts";
import { passkeyMessage } from "./second-factor-labels.ts";

export * from "./second-factor-labels.ts";

/** A code from an authenticator app: six digits, spaces allowed as apps show "123 456". */
export const appCodeField = z
  .string()
  .trim()
  .min(1, "Enter the 6-digit code from your authenticator app")
  .max(20, "Enter the 6-digit code from your authenticator app")
  .regex(/^\d{3}\s?\d{3}$/, "Enter the 6 digits from your authenticator app, like 123 456");

export const recoveryCodeField = z
  .string()
  .trim()
  .min(1, "Enter one of your recovery codes")
  .max(40, "Enter one of your recovery codes, like k7dmq-3xwpa");

const base64url = z
  .string()
  .min(1)
  .max(20_000)
  .regex(/^[A-Za-z0-9_-]+$/);

const transports = z.array(z.string().max(20)).max(10).optional();

/** What the browser's navigator.credentials.create() answer looks like once the page has encoded it. */
export const registrationResponseSchema = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: base64url,
    attestationObject: base64url,
    transports,
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
});

/** Likewise for navigator.credentials.get(). */
export const authenticationResponseSchema = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
});

/** A JSON text field holding one of the answers above. */
export const jsonField = <S extends z.ZodType>(schema: S, message: string) =>
  z
    .string({ error: message })
    .max(40_000, message)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text);
      } catch {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
    })
    .pipe(z.unknown())
    .transform((value, ctx) => {
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    });

/** The second step of signing in: one form per way, told apart by `intent`. */
export const secondStepSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("app-code"), code: appCodeField }),
  z.object({ intent: z.literal("recovery-code"), recoveryCode: recoveryCodeField }),
  z.object({
    intent: z.literal("passkey"),
    response: jsonField(authenticationResponseSchema, passkeyMessage),
  }),
]);

export const passkeyNameField = z
  .string()
  .trim()
  .max(60, "Name the passkey in 60 characters or fewer")
  .transform((name) => name || "Passkey");

/** The forms on a person's own security page. */
export const securityIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add-passkey"),
    name: passkeyNameField,
    response: jsonField(registrationResponseSchema, passkeyMessage),
  }),
  z.object({ intent: z.literal("remove-passkey"), id: idField() }),
  z.object({ intent: z.literal("start-app") }),
  z.object({ intent: z.literal("confirm-app"), code: appCodeField }),
  z.object({ intent: z.literal("remove-app") }),
  z.object({ intent: z.literal("new-recovery-codes") }),
]);

/** The administrators' page: the staff rule and resetting one person's factors. */
export const adminSecurityIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("required"), required: z.enum(["on", "off"]) }),
  z.object({ intent: z.literal("reset"), personId: idField() }),
]);
