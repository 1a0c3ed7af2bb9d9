// Split from paging.ts: what a page may need in the browser, without zod (see the javascript budget test).

export const PAGE_SIZE = 50;
