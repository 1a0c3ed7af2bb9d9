import { positionStateLabels, type PositionState } from "~/schemas/positions-labels.ts";

export function PositionStateTag({ state, awaiting }: { state: PositionState; awaiting?: boolean }) {
  const tone = state === "published" ? " status--success" : state === "retired" ? " status--muted" : "";
  return (
    <>
      <span className={`status${tone}`}>{positionStateLabels[state]}</span>
      {awaiting ? <span className="status status--warning">Awaiting retrospective review</span> : null}
    </>
  );
}
