// Split from letters.ts: what a page may need in the browser, without zod (see the javascript budget test).

/** The lifecycle of an open letter; the same list is the CHECK constraint on letters.state. */
export const letterStates = ["draft", "open", "closed", "delivered", "withdrawn"] as const;

export type LetterState = (typeof letterStates)[number];

export const letterStateLabels: Record<LetterState, string> = {
  draft: "Draft",
  open: "Open for signatures",
  closed: "Closed",
  delivered: "Delivered",
  withdrawn: "Withdrawn",
};

export const deliveryMethods = ["email", "post", "hand", "online"] as const;

export type DeliveryMethod = (typeof deliveryMethods)[number];

export const deliveryMethodLabels: Record<DeliveryMethod, string> = {
  email: "By email",
  post: "By post",
  hand: "By hand",
  online: "Online (a portal or web form)",
};

export const letterAudiences = ["all", "nations", "chosen"] as const;

export const signatoryOrders = ["signed", "alphabetical"] as const;

export type SignatoryOrder = (typeof signatoryOrders)[number];

export const LETTERS_PAGE_SIZE = 50;
