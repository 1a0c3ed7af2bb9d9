import { Form, Link } from "@remix-run/react";
import { nationLabels, serviceAreaLabels } from "~/schemas/directory-labels.ts";
import {
  anonymityModeLabels,
  sizeBandLabels,
  surveyModeLabels,
  type AnonymityMode,
  type SurveyMode,
} from "~/schemas/surveys-labels.ts";
import { type Audience } from "~/schemas/surveys.ts";
import { formatCalendarDate } from "~/utils/letter-format.ts";
import { responseFiguresText } from "~/utils/survey-figures.ts";
import type { InvitationFigures } from "~/models/surveys/invitations.server.ts";

const listOr = (values: string[], all: string) => (values.length ? values.join(", ") : all);
const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Who is asked: while a draft, how many the audience holds now; once open, who was invited. */
function audienceText(
  draft: boolean,
  audience: { people: number; organisations: number },
  figures: InvitationFigures,
) {
  if (draft) {
    return `Now ${counted(audience.people, "person", "people")} in ${counted(audience.organisations, "organisation", "organisations")}.`;
  }
  const shared =
    figures.mode === "organisation"
      ? `Their ${figures.peopleInvited} invited ${figures.peopleInvited === 1 ? "contact shares" : "contacts share"} one response per organisation.`
      : `Those invited work in ${counted(figures.organisationsInvited, "organisation", "organisations")}.`;
  return `${responseFiguresText(figures)}. ${shared}`;
}

/** A survey's settings as the overview lists them. */
export function SurveySettingsSummary({
  survey,
  audience,
  figures,
}: {
  survey: {
    state: string;
    mode: SurveyMode;
    anonymity: AnonymityMode;
    audience: Audience;
    opensOn: string | null;
    closesOn: string | null;
    reminderDaysBefore: number | null;
    disclosureThreshold: number;
  };
  audience: { people: number; organisations: number };
  figures: InvitationFigures;
}) {
  return (
    <dl className="summary-list">
      <dt>Who answers</dt>
      <dd>{surveyModeLabels[survey.mode]}</dd>
      <dt>Identity</dt>
      <dd>{anonymityModeLabels[survey.anonymity]}</dd>
      <dt>Audience</dt>
      <dd>
        Nations:{" "}
        {listOr(
          survey.audience.nations.map((n) => nationLabels[n]),
          "all",
        )}
        . Service areas:{" "}
        {listOr(
          survey.audience.serviceAreas.map((s) => serviceAreaLabels[s]),
          "all",
        )}
        . Sizes:{" "}
        {listOr(
          survey.audience.sizeBands.map((b) => sizeBandLabels[b]),
          "all",
        )}
        . {audienceText(survey.state === "draft", audience, figures)}
      </dd>
      <dt>Dates</dt>
      <dd>
        {survey.opensOn ? `Opens ${formatCalendarDate(survey.opensOn)}. ` : ""}
        {survey.closesOn
          ? `Closes at the end of ${formatCalendarDate(survey.closesOn)}.`
          : "No closing date yet."}
        {survey.reminderDaysBefore
          ? ` Automatic reminder ${survey.reminderDaysBefore} days before closing.`
          : ""}
      </dd>
      <dt>Disclosure threshold</dt>
      <dd>{survey.disclosureThreshold}</dd>
    </dl>
  );
}

/** People who joined the audience after opening: invited on request, after a confirmation step. */
export function InviteMore({
  uninvited,
  confirm,
  submitting,
}: {
  uninvited: number;
  confirm: boolean;
  submitting: boolean;
}) {
  const people = counted(uninvited, "person", "people");
  return (
    <section className="panel" aria-labelledby="invite-more-heading">
      <h2 id="invite-more-heading">New people in the audience</h2>
      {uninvited === 0 ? (
        <p>Everyone in the audience has been invited.</p>
      ) : confirm ? (
        <Form method="post">
          <p>
            Send a personal invitation email to {people} who joined the audience after the survey opened?
            Nobody who already has an invitation is emailed again.
          </p>
          <input type="hidden" name="intent" value="invite" />
          <button type="submit" className="button" disabled={submitting}>
            Yes, send {uninvited === 1 ? "the invitation" : "the invitations"}
          </button>{" "}
          <Link to="?">Cancel</Link>
        </Form>
      ) : (
        <>
          <p>
            {people} in the audience {uninvited === 1 ? "has" : "have"} not been invited yet.
          </p>
          <Link className="button" to="?confirm=invite">
            Send invitations
          </Link>
        </>
      )}
    </section>
  );
}
