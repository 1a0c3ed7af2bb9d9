import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { TextareaField } from "~/components/textarea-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import {
  addSection,
  copySurveyAsNewVersion,
  deleteQuestion,
  deleteSection,
  moveQuestion,
  moveSection,
} from "~/models/surveys/builder.server.ts";
import {
  archiveSurvey,
  closeSurvey,
  countAudience,
  countUninvited,
  invitationFigures,
  inviteRemainingAudience,
  openSurvey,
  remindNonResponders,
} from "~/models/surveys/lifecycle.server.ts";
import {
  getSurvey,
  loadSurveyContent,
  parseSurveyId,
  SurveyConflictError,
  surveyHasAnswers,
} from "~/models/surveys/surveys.server.ts";
import { nationLabels, serviceAreaLabels } from "~/schemas/directory.ts";
import {
  anonymityModeLabels,
  canTransitionSurvey,
  moveSchema,
  questionKindLabels,
  sectionFormSchema,
  sizeBandLabels,
  surveyModeLabels,
  surveyStateLabels,
} from "~/schemas/surveys.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { parseForm } from "~/utils/forms.ts";
import { formatCalendarDate } from "~/utils/letter-format.ts";
import { responseFiguresText } from "~/utils/survey-figures.ts";

const intentSchema = z.object({
  intent: z.enum(
    [
      "open",
      "close",
      "archive",
      "remind",
      "invite",
      "copy",
      "add-section",
      "delete-section",
      "move-section",
      "move-question",
      "delete-question",
    ],
    { error: "That action is not recognised." },
  ),
});
const idSchema = z.object({ id: z.coerce.number().int().positive() });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `${page.survey.title} · Surveys · Mutual Voice` : "Survey · Mutual Voice" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const survey = await getSurvey(context.db, user, parseSurveyId(params.id));
  const [sections, figures, audience, answered, uninvited] = await Promise.all([
    loadSurveyContent(context.db, survey.id),
    invitationFigures(context.db, user, survey),
    countAudience(context.db, user, survey.audience),
    surveyHasAnswers(context.db, survey.id),
    survey.state === "open" ? countUninvited(context.db, user, survey) : null,
  ]);
  const url = new URL(request.url);
  return {
    survey,
    sections,
    figures,
    audience,
    answered,
    uninvited,
    confirmInvite: url.searchParams.get("confirm") === "invite",
    notice: url.searchParams.get("notice"),
  };
}

type Result = { errors?: Record<string, string>; values?: Record<string, string>; conflict?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = parseSurveyId(params.id);
  const formData = await request.formData();
  const intent = parseForm(intentSchema, formData);
  if (!intent.ok) return data<Result>({ errors: intent.errors, values: intent.values }, { status: 400 });
  const back = (notice?: string) =>
    redirect(`/surveys/${id}${notice ? `?notice=${encodeURIComponent(notice)}` : ""}`, 303);
  try {
    switch (intent.data.intent) {
      case "open": {
        const { invited } = await openSurvey(context.db, user, id, context.appUrl);
        return back(`Survey opened: ${invited} ${invited === 1 ? "person" : "people"} invited.`);
      }
      case "close":
        await closeSurvey(context.db, user, id);
        return back("Survey closed. The personal links no longer work.");
      case "archive":
        await archiveSurvey(context.db, user, id);
        return back("Survey archived.");
      case "remind": {
        const sent = await remindNonResponders(context.db, user, id, context.appUrl);
        return back(
          sent
            ? `Reminder sent to ${sent} ${sent === 1 ? "person" : "people"}.`
            : "Everyone who has not answered has already had a reminder.",
        );
      }
      case "invite": {
        const invited = await inviteRemainingAudience(context.db, user, id, context.appUrl);
        return back(
          invited
            ? `Invitations sent to ${invited} ${invited === 1 ? "person" : "people"}.`
            : "Everyone in the audience had already been invited: nobody was emailed.",
        );
      }
      case "copy": {
        const copy = await copySurveyAsNewVersion(context.db, user, id);
        return redirect(
          `/surveys/${copy.id}?notice=${encodeURIComponent("This is a new draft copied from the previous version.")}`,
          303,
        );
      }
      case "add-section": {
        const form = parseForm(sectionFormSchema, formData);
        if (!form.ok) return data<Result>({ errors: form.errors, values: form.values }, { status: 400 });
        await addSection(context.db, user, id, form.data);
        return back("Section added.");
      }
      case "delete-section": {
        const form = parseForm(idSchema, formData);
        if (!form.ok) return data<Result>({ errors: form.errors, values: form.values }, { status: 400 });
        await deleteSection(context.db, user, id, form.data.id);
        return back("Section deleted.");
      }
      case "delete-question": {
        const form = parseForm(idSchema, formData);
        if (!form.ok) return data<Result>({ errors: form.errors, values: form.values }, { status: 400 });
        await deleteQuestion(context.db, user, id, form.data.id);
        return back("Question deleted.");
      }
      case "move-section":
      case "move-question": {
        const form = parseForm(moveSchema, formData);
        if (!form.ok) return data<Result>({ errors: form.errors, values: form.values }, { status: 400 });
        const move = intent.data.intent === "move-section" ? moveSection : moveQuestion;
        await move(context.db, user, id, form.data.id, form.data.direction);
        return back();
      }
    }
  } catch (error) {
    if (error instanceof SurveyConflictError)
      return data<Result>({ conflict: error.message }, { status: 409 });
    throw error;
  }
}

function MoveButtons({
  intent,
  id,
  label,
  first,
  last,
}: {
  intent: string;
  id: number;
  label: string;
  first: boolean;
  last: boolean;
}) {
  return (
    <span className="inline-actions">
      {first ? null : (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value={intent} />
          <input type="hidden" name="id" value={id} />
          <button
            type="submit"
            name="direction"
            value="up"
            className="button button--small button--secondary"
          >
            Move up<span className="visually-hidden">: {label}</span>
          </button>
        </Form>
      )}
      {last ? null : (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value={intent} />
          <input type="hidden" name="id" value={id} />
          <button
            type="submit"
            name="direction"
            value="down"
            className="button button--small button--secondary"
          >
            Move down<span className="visually-hidden">: {label}</span>
          </button>
        </Form>
      )}
    </span>
  );
}

const listOr = (values: string[], all: string) => (values.length ? values.join(", ") : all);
const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;

/** People who joined the audience after opening: invited on request, after a confirmation step. */
function InviteMore({
  uninvited,
  confirm,
  submitting,
}: {
  uninvited: number;
  confirm: boolean;
  submitting: boolean;
}) {
  return (
    <section className="panel" aria-labelledby="invite-more-heading">
      <h2 id="invite-more-heading">New people in the audience</h2>
      {uninvited === 0 ? (
        <p>Everyone in the audience has been invited.</p>
      ) : confirm ? (
        <Form method="post">
          <p>
            Send a personal invitation email to {people(uninvited)} who joined the audience after the survey
            opened? Nobody who already has an invitation is emailed again.
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
            {people(uninvited)} in the audience {uninvited === 1 ? "has" : "have"} not been invited yet.
          </p>
          <Link className="button" to="?confirm=invite">
            Send invitations
          </Link>
        </>
      )}
    </section>
  );
}

export default function SurveyOverview() {
  const { survey, sections, figures, audience, answered, uninvited, confirmInvite, notice } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const structureLocked = answered || survey.state === "closed" || survey.state === "archived";
  const lifecycle = (intent: "open" | "close" | "archive", label: string) =>
    canTransitionSurvey(survey.state, intent) ? (
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value={intent} />
        <button type="submit" className="button" disabled={submitting}>
          {label}
        </button>
      </Form>
    ) : null;
  return (
    <>
      <ErrorSummary errors={actionData?.errors} />
      {actionData?.conflict ? (
        <div className="panel panel--warning" role="alert">
          <p>{actionData.conflict}</p>
        </div>
      ) : null}
      {notice ? (
        <div className="panel panel--success" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <p className="breadcrumbs">
        <Link to="/surveys">Surveys</Link>
      </p>
      <h1>
        {survey.title} <span className="status">{surveyStateLabels[survey.state]}</span>
      </h1>
      {survey.previousVersionId ? (
        <p>
          A new version of <Link to={`/surveys/${survey.previousVersionId}`}>an earlier survey</Link>.
        </p>
      ) : null}

      <div className="button-group">
        {lifecycle("open", "Open and send invitations")}
        {survey.state === "open" ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="remind" />
            <button type="submit" className="button button--secondary" disabled={submitting}>
              Remind everyone who has not answered
            </button>
          </Form>
        ) : null}
        {lifecycle("close", "Close now")}
        {lifecycle("archive", "Archive")}
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="copy" />
          <button type="submit" className="button button--secondary" disabled={submitting}>
            Copy as a new version
          </button>
        </Form>
      </div>

      {uninvited === null ? null : (
        <InviteMore uninvited={uninvited} confirm={confirmInvite} submitting={submitting} />
      )}

      {survey.state !== "draft" ? (
        <p>
          <Link to={`/surveys/${survey.id}/results`}>See the results</Link>
        </p>
      ) : null}
      <h2>Settings</h2>
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
          .{" "}
          {survey.state === "draft"
            ? `Now ${audience.people} ${audience.people === 1 ? "person" : "people"} in ${audience.organisations} ${audience.organisations === 1 ? "organisation" : "organisations"}.`
            : `${responseFiguresText(figures)}${
                figures.mode === "organisation"
                  ? `. Their ${figures.peopleInvited} invited ${figures.peopleInvited === 1 ? "contact shares" : "contacts share"} one response per organisation.`
                  : `. Those invited work in ${figures.organisationsInvited} ${figures.organisationsInvited === 1 ? "organisation" : "organisations"}.`
              }`}
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
      {survey.state === "draft" ? (
        <p>
          <Link to={`/surveys/${survey.id}/edit`}>Change the settings</Link>
        </p>
      ) : null}

      <h2>Sections and questions</h2>
      {answered ? (
        <p className="panel panel--warning">
          People have started answering, so questions can no longer be added, removed, moved or changed. You
          can still fix a typo in a question&apos;s wording, or copy the survey as a new version.
        </p>
      ) : null}
      {sections.map((section, sectionIndex) => (
        <section key={section.id} className="survey-section" aria-labelledby={`section-${section.id}`}>
          <h3 id={`section-${section.id}`}>
            Section {sectionIndex + 1}: {section.title}
          </h3>
          {section.introduction ? <p>{section.introduction}</p> : null}
          {survey.state === "archived" ? null : (
            <p>
              <Link to={`/surveys/${survey.id}/sections/${section.id}`}>
                Edit the title and introduction<span className="visually-hidden"> of {section.title}</span>
              </Link>
            </p>
          )}
          {structureLocked ? null : (
            <div className="button-group">
              <MoveButtons
                intent="move-section"
                id={section.id}
                label={section.title}
                first={sectionIndex === 0}
                last={sectionIndex === sections.length - 1}
              />
              <Link to={`/surveys/${survey.id}/questions/new?section=${section.id}`}>
                Add a question<span className="visually-hidden"> to {section.title}</span>
              </Link>
              {sections.length > 1 ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="delete-section" />
                  <input type="hidden" name="id" value={section.id} />
                  <button type="submit" className="button button--small button--danger">
                    Delete section<span className="visually-hidden">: {section.title}</span>
                  </button>
                </Form>
              ) : null}
            </div>
          )}
          {section.questions.length ? (
            <ol className="survey-question-list">
              {section.questions.map((question, index) => (
                <li key={question.id}>
                  <p>
                    <strong>{question.prompt}</strong>{" "}
                    <span className="status status--muted">{questionKindLabels[question.config.kind]}</span>{" "}
                    {question.required ? <span className="status">Required</span> : null}
                  </p>
                  {question.helpText ? <p className="field__hint">{question.helpText}</p> : null}
                  <div className="button-group">
                    <Link to={`/surveys/${survey.id}/questions/${question.id}`}>
                      {structureLocked ? "Fix the wording" : "Edit"}
                      <span className="visually-hidden">: {question.prompt}</span>
                    </Link>
                    {structureLocked ? null : (
                      <>
                        <MoveButtons
                          intent="move-question"
                          id={question.id}
                          label={question.prompt}
                          first={index === 0}
                          last={index === section.questions.length - 1}
                        />
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="delete-question" />
                          <input type="hidden" name="id" value={question.id} />
                          <button type="submit" className="button button--small button--danger">
                            Delete<span className="visually-hidden">: {question.prompt}</span>
                          </button>
                        </Form>
                      </>
                    )}
                  </div>
                </li>
              ))}
            </ol>
          ) : (
            <p>No questions in this section yet.</p>
          )}
        </section>
      ))}
      {structureLocked ? null : (
        <Form method="post" noValidate className="panel">
          <h3>Add a section</h3>
          <input type="hidden" name="intent" value="add-section" />
          <TextField
            name="title"
            label="Section title"
            defaultValue={actionData?.values?.title}
            error={actionData?.errors?.title}
          />
          <TextareaField
            name="introduction"
            label="Introduction (optional)"
            defaultValue={actionData?.values?.introduction}
            error={actionData?.errors?.introduction}
            rows={2}
          />
          <button type="submit" className="button button--secondary" disabled={submitting}>
            Add section
          </button>
        </Form>
      )}
    </>
  );
}
