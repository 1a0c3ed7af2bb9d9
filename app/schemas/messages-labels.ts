// Split from messages.ts: what a page may need in the browser, without zod (see the javascript budget test).

/**
 * How every form speaks, GOV.UK style: "Enter ...", "Choose ...", "... must be ... or fewer".
 * Schemas build their messages and their text fields from here, so the wording cannot drift.
 */
const capitalised = (text: string) => `${text[0]?.toUpperCase() ?? ""}${text.slice(1)}`;

const count = (n: number) => n.toLocaleString("en-GB");

export const say = {
  /** "Enter a title" */
  enter: (what: string) => `Enter ${what}`,
  /** "Choose a reviewer" */
  choose: (what: string) => `Choose ${what}`,
  /** "The title must be 200 characters or fewer" */
  tooLong: (what: string, max: number) => `${capitalised(what)} must be ${count(max)} characters or fewer`,
  /** "The threshold must be 5 or more" */
  tooSmall: (what: string, min: number) => `${capitalised(what)} must be ${count(min)} or more`,
  /** "The threshold must be 100 or fewer" */
  tooLarge: (what: string, max: number) => `${capitalised(what)} must be ${count(max)} or fewer`,
  /** "Enter the closing date as a real date, like 31 3 2027" */
  realDate: (what: string, example?: string) =>
    `Enter ${what} as a real date${example ? `, like ${example}` : ""}`,
  /** "The title must not contain control characters" */
  controlCharacters: (what: string) => `${capitalised(what)} must not contain control characters`,
  expiredForm: "This form has expired: reload the page and try again",
} as const;

/**
 * NUL and the other C0/C1 control characters, but not tab, line feed or carriage return (a
 * multi-line field's own). PostgreSQL refuses 0x00 in text outright (a 500), and the rest are never
 * typed: they come from a paste of binary or a crafted request.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

// eslint-disable-next-line no-control-regex -- as above, every one of them
const CONTROL_CHARACTERS_ALL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

export const hasControlCharacters = (text: string) => CONTROL_CHARACTERS.test(text);

/** The text without its control characters: for showing typing back, or where stripping is kinder. */
export const withoutControlCharacters = (text: string) => text.replace(CONTROL_CHARACTERS_ALL, "");
