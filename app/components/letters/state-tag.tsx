import { letterStateLabels, type LetterState } from "~/schemas/letters-labels.ts";

const tone: Record<LetterState, string> = {
  draft: "",
  open: " status--success",
  closed: "",
  delivered: " status--success",
  withdrawn: " status--error",
};

export function LetterStateTag({ state }: { state: LetterState }) {
  return <span className={`status${tone[state]}`}>{letterStateLabels[state]}</span>;
}
