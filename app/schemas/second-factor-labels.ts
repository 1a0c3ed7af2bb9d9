// Split from second-factor.ts: what a page may need in the browser, without zod (see the javascript budget test).

export const passkeyMessage = "The passkey did not answer: try again";
