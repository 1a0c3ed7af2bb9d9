import type { CampaignOutcome } from "~/schemas/campaign-labels.ts";
import { formatDate } from "~/utils/format.ts";

/** Progress against the ask, newest first: the same list on the staff, public and member pages. */
export function OutcomeList({ outcomes }: { outcomes: CampaignOutcome[] }) {
  return (
    <ul className="outcome-list">
      {outcomes.map((outcome) => (
        <li key={outcome.id}>
          <strong>{outcome.kindLabel}</strong>, {outcome.government}, {formatDate(outcome.outcomeOn)}
          {outcome.statement ? <p>{outcome.statement}</p> : null}
          {outcome.sourceUrl ? (
            <p>
              <a href={outcome.sourceUrl} rel="noreferrer noopener">
                Source
                <span className="visually-hidden">
                  : {outcome.kindLabel}, {formatDate(outcome.outcomeOn)}
                </span>
              </a>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
