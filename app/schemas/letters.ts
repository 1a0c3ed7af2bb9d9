import { z } from "zod";
import { campaignChoice } from "./campaign-choice.ts";
import { idField } from "./ids.ts";
import { isRealDate, londonToday } from "~/utils/london-time.ts";
import { optionalText, requiredLine, requiredText, say } from "./messages.ts";

/** The lifecycle of an open letter; the same list is the CHECK constraint on letters.state. */
export const letterStates = ["draft", "open", "closed", "delivered", "withdrawn"] as const;
export type LetterState = (typeof letterStates)[number];
export const letterStateSchema = z.enum(letterStates);
export const letterStateLabels: Record<LetterState, string> = {
  draft: "Draft",
  open: "Open for signatures",
  closed: "Closed",
  delivered: "Delivered",
  withdrawn: "Withdrawn",
};

export const deliveryMethods = ["email", "post", "hand", "online"] as const;
export type DeliveryMethod = (typeof deliveryMethods)[number];
export const deliveryMethodSchema = z.enum(deliveryMethods);
export const deliveryMethodLabels: Record<DeliveryMethod, string> = {
  email: "By email",
  post: "By post",
  hand: "By hand",
  online: "Online (a portal or web form)",
};

export const letterDraftSchema = z.object({
  title: requiredLine("a title", 200),
  addressee: requiredLine("who the letter is to", 300),
  body: requiredText("the text of the letter", 20_000),
  closesOn: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || isRealDate(value), say.realDate("the closing date")),
  signatureGoal: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || /^\d{1,5}$/.test(value), "Enter the goal as a whole number, like 50")
    .transform((value) => (value === null ? null : Number(value)))
    .refine((value) => value === null || value > 0, "The goal must be at least 1 organisation"),
});
export type LetterDraftInput = z.output<typeof letterDraftSchema>;

/** The new letter form: the draft, and the campaign it joins (optional). */
export const newLetterSchema = letterDraftSchema.extend({ campaignId: campaignChoice });

export const letterEditSchema = letterDraftSchema.extend({
  version: idField("The form is missing the version it started from: reload the page"),
});

const letterAudiences = ["all", "nations", "chosen"] as const;
export const openLetterSchema = z.object({
  audience: z.enum(letterAudiences, { error: say.choose("who to invite") }),
});

export const withdrawLetterSchema = z.object({
  intent: z.literal("withdraw"),
  reason: requiredText("why the letter is withdrawn", 1000),
});

export const deliverySchema = z.object({
  recipient: requiredLine("who received the letter", 300),
  method: z.enum(deliveryMethods, { error: say.choose("how the letter was delivered") }),
  deliveredOn: z
    .string({ error: say.enter("the date the letter was delivered") })
    .trim()
    .min(1, say.enter("the date the letter was delivered"))
    .refine(isRealDate, say.realDate("the delivery date"))
    .refine((value) => value <= londonToday(), "The delivery date cannot be in the future"),
  reference: optionalText("the reference", 500),
  notes: optionalText("the notes", 2000),
  correctsId: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    idField(say.choose("a record to correct"))
      .optional()
      .transform((value) => value ?? null),
  ),
});
export type DeliveryInput = z.output<typeof deliverySchema>;

/** The form a leader submits; `formKey` is minted for each page shown, so a replay cannot sign twice. */
export const signLetterSchema = z.object({
  intent: z.enum(["sign", "withdraw"]),
  formKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, say.expiredForm),
});

const signatoryOrders = ["signed", "alphabetical"] as const;
export type SignatoryOrder = (typeof signatoryOrders)[number];

export const LETTERS_PAGE_SIZE = 50;
/** ?page= from a URL: anything odd is page 1 rather than an error. */
export const pageParamSchema = z.coerce.number().int().min(1).max(100_000).catch(1);
export const signatoryOrderSchema = z.enum(signatoryOrders).catch("signed");
