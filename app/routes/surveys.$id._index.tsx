import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ItemCampaignsRow } from "~/components/campaigns/item-campaigns.tsx";
import { campaignsOfItem } from "~/models/campaigns/choices.server.ts";
import { z } from "zod";
import { idField } from "~/schemas/ids.ts";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { useLayoutSurvey } from "~/components/surveys/layout-survey.ts";
import { refusalOf } from "~/components/surveys/refusal-of.ts";
import { InviteMore, SurveySettingsSummary } from "~/components/surveys/survey-details.tsx";
import { AddSectionForm, SurveyOutline } from "~/components/surveys/survey-outline.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import {
  addSection,
  copySurveyAsNewVersion,
  deleteQuestion,
  deleteSection,
  moveQuestion,
  moveSection,
} from "~/models/surveys/builder.server.ts";
import {
  countAudience,
  countUninvited,
  invitationFigures,
  inviteRemainingAudience,
} from "~/models/surveys/invitations.server.ts";
import { archiveSurvey, closeSurvey, surveyLifecycle } from "~/models/surveys/lifecycle.server.ts";
import { staffSurvey } from "~/models/surveys/pages.server.ts";
import { remindNonResponders } from "~/models/surveys/reminders.server.ts";
import { loadSurveyContent, surveyHasAnswers } from "~/models/surveys/surveys.server.ts";
import { moveSchema, sectionFormSchema } from "~/schemas/survey-builder.ts";
import { surveyStateLabels } from "~/schemas/surveys.ts";
import { formValues, parseForm } from "~/utils/forms.ts";
import { idParam } from "~/utils/ids.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";
import type { loader as surveyLoader } from "./surveys.$id.tsx";
import { readForm } from "~/utils/form-body.server.ts";
import { surveyNoticeText, surveyPageWithNotice, type SurveyNotice } from "~/utils/survey-notices.ts";

const intentSchema = z.object({
  intent: z.enum(
    [
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
const idSchema = z.object({ id: idField() });

export const meta: MetaFunction<typeof loader, { "routes/surveys.$id": typeof surveyLoader }> = ({
  matches,
}) => {
  const survey = matches.find((match) => match.id === "routes/surveys.$id")?.data.survey;
  return [{ title: survey ? `${survey.title} · Surveys · Mutual Voice` : "Survey · Mutual Voice" }];
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, survey } = await staffSurvey(request, params, context);
  const [sections, figures, audience, answered, uninvited] = await Promise.all([
    loadSurveyContent(context.db, survey.id),
    invitationFigures(context.db, user, survey),
    countAudience(context.db, user, survey.audience),
    surveyHasAnswers(context.db, survey.id),
    countUninvited(context.db, user, survey),
  ]);
  const url = new URL(request.url);
  return {
    campaigns: await campaignsOfItem(context.db, user, "survey", survey.id),
    sections,
    figures,
    audience,
    answered,
    uninvited,
    moves: surveyLifecycle
      .available(user, survey)
      .map((name) => ({ name, label: surveyLifecycle.moves[name].label })),
    confirmInvite: url.searchParams.get("confirm") === "invite",
    notice: surveyNoticeText(url),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = idParam(params, "id");
  const formData = await readForm(request);
  const intent = parseForm(intentSchema, formData);
  if (!intent.ok) return data({ errors: intent.errors, values: intent.values }, { status: 400 });
  const back = (notice?: SurveyNotice, count?: number) =>
    redirect(notice ? surveyPageWithNotice(id, notice, count) : `/surveys/${id}`, 303);
  try {
    switch (intent.data.intent) {
      case "close":
        await closeSurvey(context.db, user, id);
        return back("closed");
      case "archive":
        await archiveSurvey(context.db, user, id);
        return back("archived");
      case "remind": {
        const sent = await remindNonResponders(context.db, user, id, context.appUrl);
        return back("reminded", sent);
      }
      case "invite": {
        const invited = await inviteRemainingAudience(context.db, user, id, context.appUrl);
        return back("invited", invited);
      }
      case "copy": {
        const copy = await copySurveyAsNewVersion(context.db, user, id);
        return redirect(surveyPageWithNotice(copy.id, "copied"), 303);
      }
      case "add-section": {
        const form = parseForm(sectionFormSchema, formData);
        if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
        await addSection(context.db, user, id, form.data);
        return back("section-added");
      }
      case "delete-section":
      case "delete-question": {
        const form = parseForm(idSchema, formData);
        if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
        const remove = intent.data.intent === "delete-section" ? deleteSection : deleteQuestion;
        await remove(context.db, user, id, form.data.id);
        return back(intent.data.intent === "delete-section" ? "section-deleted" : "question-deleted");
      }
      case "move-section":
      case "move-question": {
        const form = parseForm(moveSchema, formData);
        if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
        const move = intent.data.intent === "move-section" ? moveSection : moveQuestion;
        await move(context.db, user, id, form.data.id, form.data.direction);
        return back();
      }
    }
  } catch (error) {
    return refusalAnswer(error, { values: formValues(formData) });
  }
}

export default function SurveyOverview() {
  const survey = useLayoutSurvey();
  const { sections, figures, audience, answered, uninvited, moves, confirmInvite, notice, campaigns } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const locked = answered || survey.state === "closed" || survey.state === "archived";
  return (
    <>
      <ErrorSummary errors={actionData?.errors} />
      <RefusalPanel message={refusalOf(actionData)} />
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
        {moves.map((move) =>
          // Opening emails the whole audience: a check page says how many people first.
          move.name === "open" ? (
            <Link className="button" to={`/surveys/${survey.id}/open`} key={move.name}>
              {move.label}
            </Link>
          ) : (
            <Form method="post" className="inline-form" key={move.name}>
              <input type="hidden" name="intent" value={move.name} />
              <button type="submit" className="button" disabled={submitting}>
                {move.label}
              </button>
            </Form>
          ),
        )}
        {survey.state === "open" ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="remind" />
            <button type="submit" className="button button--secondary" disabled={submitting}>
              Remind everyone who has not answered
            </button>
          </Form>
        ) : null}
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

      <p>
        <Link to={`/surveys/${survey.id}/preview`}>Preview as a member sees it</Link>
        {survey.state !== "draft" ? (
          <>
            {" · "}
            <Link to={`/surveys/${survey.id}/results`}>See the results</Link>
          </>
        ) : null}
      </p>
      <dl className="summary-list">
        <ItemCampaignsRow campaigns={campaigns} kind="survey" itemId={survey.id} />
      </dl>
      <h2>Settings</h2>
      <SurveySettingsSummary survey={survey} audience={audience} figures={figures} />
      {survey.state === "draft" ? (
        <p>
          <Link to={`/surveys/${survey.id}/edit`}>Change the settings</Link>
        </p>
      ) : null}
      <p>
        {survey.bilingual ? "Bilingual: members may answer in Welsh or English. " : "English only. "}
        <Link to={`/surveys/${survey.id}/welsh`}>
          {survey.bilingual ? "Change the Welsh text" : "Add Welsh text"}
        </Link>
      </p>

      <h2>Sections and questions</h2>
      {answered ? (
        <p className="panel panel--warning">
          People have started answering, so questions can no longer be added, removed, moved or changed. You
          can still fix a typo in a question&apos;s wording, or copy the survey as a new version.
        </p>
      ) : null}
      <SurveyOutline
        surveyId={survey.id}
        sections={sections}
        locked={locked}
        archived={survey.state === "archived"}
      />
      {locked ? null : (
        <AddSectionForm values={actionData?.values} errors={actionData?.errors} submitting={submitting} />
      )}
    </>
  );
}
