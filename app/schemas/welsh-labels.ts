// Split from welsh.ts: what a page may need in the browser, without zod (see the javascript budget test).

export interface SectionWelsh {
  title: string | null;
  introduction: string | null;
}

/** Each English text's Welsh twin may be up to this much longer: Welsh often runs longer. */
export const WELSH_SLACK = 1.5;
