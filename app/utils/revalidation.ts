import type { ShouldRevalidateFunction } from "@remix-run/react";

/** Where the live previews post the text being written (app/routes/positions.preview.tsx). */
export const PREVIEW_ACTION = "/positions/preview";

/**
 * A preview changes nothing on the server, so no page needs its data reloaded after one. Reloading
 * would also hand an open editor the newest saved version while its writer types over an older one.
 * Every route above an editor with a live preview exports this as its `shouldRevalidate`.
 */
export const skipRevalidationAfterPreview: ShouldRevalidateFunction = ({
  formAction,
  defaultShouldRevalidate,
}) => (formAction === PREVIEW_ACTION ? false : defaultShouldRevalidate);
