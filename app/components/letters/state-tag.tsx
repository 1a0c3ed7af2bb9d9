import type { LetterState } from "~/schemas/letters-labels.ts";
import type { Language } from "~/utils/i18n.ts";
import { letterMessagesFor } from "~/utils/i18n-letters.ts";

const tone: Record<LetterState, string> = {
  draft: "",
  open: " status--success",
  closed: "",
  delivered: " status--success",
  withdrawn: " status--error",
};

export function LetterStateTag({ state, language = "en" }: { state: LetterState; language?: Language }) {
  return <span className={`status${tone[state]}`}>{letterMessagesFor(language).states[state]}</span>;
}
