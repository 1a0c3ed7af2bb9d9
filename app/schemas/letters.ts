import { z } from "zod";
import { isRealDate, londonToday } from "~/utils/london-time.ts";

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

/** Which states each transition starts from: the one place a page and a model agree on it. */
export const letterTransitions = {
  open: ["draft"],
  close: ["open"],
  deliver: ["closed"],
  withdraw: ["draft", "open", "closed"],
} as const satisfies Record<string, readonly LetterState[]>;
export type LetterTransition = keyof typeof letterTransitions;

export const canTransition = (state: LetterState, transition: LetterTransition) =>
  letterTransitions[transition].some((from) => from === state);

/** Public: the page at /letters/<slug> exists for these. */
export const publicLetterStates = ["open", "closed", "delivered"] as const satisfies readonly LetterState[];

export const deliveryMethods = ["email", "post", "hand", "online"] as const;
export type DeliveryMethod = (typeof deliveryMethods)[number];
export const deliveryMethodSchema = z.enum(deliveryMethods);
export const deliveryMethodLabels: Record<DeliveryMethod, string> = {
  email: "By email",
  post: "By post",
  hand: "By hand",
  online: "Online (a portal or web form)",
};

const text = (label: string, max: number) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .max(max, `${label[0]?.toUpperCase()}${label.slice(1)} must be ${max} characters or fewer`);

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .optional()
    .transform((value) => value || null);

export const letterDraftSchema = z.object({
  title: text("a title", 200),
  addressee: text("who the letter is to", 300),
  body: text("the text of the letter", 20_000),
  closesOn: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || isRealDate(value), "Enter the closing date as a real date"),
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

export const letterEditSchema = letterDraftSchema.extend({
  version: z.coerce.number().int().positive(),
});

export const letterAudiences = ["all", "nations", "chosen"] as const;
export const openLetterSchema = z.object({
  audience: z.enum(letterAudiences, { error: "Choose who to invite" }),
});

export const closeLetterSchema = z.object({ intent: z.literal("close") });

export const withdrawLetterSchema = z.object({
  intent: z.literal("withdraw"),
  reason: text("why the letter is withdrawn", 1000),
});

export const deliverySchema = z.object({
  recipient: text("who received the letter", 300),
  method: z.enum(deliveryMethods, { error: "Choose how the letter was delivered" }),
  deliveredOn: z
    .string({ error: "Enter the date the letter was delivered" })
    .trim()
    .min(1, "Enter the date the letter was delivered")
    .refine(isRealDate, "Enter the delivery date as a real date")
    .refine((value) => value <= londonToday(), "The delivery date cannot be in the future"),
  reference: optionalText("The reference", 500),
  notes: optionalText("The notes", 2000),
  correctsId: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? Number(value) : null))
    .refine(
      (value) => value === null || (Number.isInteger(value) && value > 0),
      "Choose a record to correct",
    ),
});
export type DeliveryInput = z.output<typeof deliverySchema>;

/** The form a leader submits; `formKey` is minted for each page shown, so a replay cannot sign twice. */
export const signLetterSchema = z.object({
  intent: z.enum(["sign", "withdraw"]),
  formKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "This form has expired: reload the page and try again"),
});

export const signatoryOrders = ["signed", "alphabetical"] as const;
export type SignatoryOrder = (typeof signatoryOrders)[number];

export const LETTERS_PAGE_SIZE = 50;
/** ?page= from a URL: anything odd is page 1 rather than an error. */
export const pageParamSchema = z.coerce.number().int().min(1).max(100_000).catch(1);
export const signatoryOrderSchema = z.enum(signatoryOrders).catch("signed");
