import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { LanguageSwitch } from "~/components/language-switch.tsx";
import { AnswerField } from "~/components/surveys/answer-field.tsx";
import { Marked } from "~/components/surveys/marked.tsx";
import { loadResponse, savedPage, saveSection } from "~/models/surveys/answering.server.ts";
import { accessByLink, type SurveyAccess } from "~/models/surveys/links.server.ts";
import { answeringContent } from "~/models/surveys/surveys.server.ts";
import { removeFileFieldName } from "~/components/surveys/file-answer-field.tsx";
import {
  nextSectionNumber,
  previousSectionNumber,
  readPageAnswers,
  shownQuestions,
} from "~/models/surveys/conditional-pages.server.ts";
import { dropFileRows } from "~/models/files/files.server.ts";
import { fileStoreFor, fileStoreRoot } from "~/services/storage.server.ts";
import { discardUploads, fileLimitsOf, readUploadForm } from "~/utils/upload-form.server.ts";
import type { FieldErrors } from "~/utils/forms.ts";
import { messagesFor, type Language } from "~/utils/i18n.ts";
import { pageLanguage } from "~/utils/language.server.ts";
import { isRefusal, Refusal, refusalAnswer } from "~/utils/refusal.server.ts";
import { maxFormBytes } from "~/utils/survey-answer-checks.ts";
import {
  answerValuesFrom,
  describeAnswer,
  valuesFromAnswers,
  type Answer,
  type AnswerableQuestion,
  type AnswerValues,
} from "~/utils/survey-answers.ts";
import { sectionsIn, surveyTextIn } from "~/utils/survey-welsh.ts";
import { sectionSaveSchema } from "~/schemas/surveys.ts";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  {
    title: page
      ? `${page.section.title} (section ${page.number} of ${page.count}) · ${page.survey.title} · Mutual Voice`
      : "Survey · Mutual Voice",
  },
];

async function pageOf(
  context: { db: Parameters<typeof answeringContent>[0] },
  access: SurveyAccess,
  raw: string | undefined,
  language: Language,
) {
  const sections = sectionsIn(await answeringContent(context.db, access.survey), language);
  const number = Number(raw);
  const section = Number.isInteger(number) ? sections[number - 1] : undefined;
  if (!section) throw Refusal.notFound();
  return { section, number, count: sections.length, sections };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const access = await accessByLink(context, token);
  const language = await pageLanguage(request, context.env, access.survey.bilingual);
  const { section, number, count, sections } = await pageOf(context, access, params.section, language);
  const response = await loadResponse(context.db, access);
  if (response?.status === "submitted" || !access.open) throw redirect(`/s/${token}`);
  const answers = response?.answers ?? [];
  const shown = shownQuestions(sections, section, answers);
  // A section whose condition does not hold is skipped, on the way forward.
  if (!shown.length) {
    const next = nextSectionNumber(sections, answers, number);
    throw redirect(next ? `/s/${token}/${next}` : `/s/${token}/check`);
  }
  const previous = previousSectionNumber(sections, answers, number);
  return {
    language,
    bilingual: access.survey.bilingual,
    survey: { title: surveyTextIn(access.survey, language).title, anonymity: access.survey.anonymity },
    section: { ...section, questions: shown },
    number,
    count,
    previous,
    appeared: new URL(request.url).searchParams.has("more"),
    version: response?.sectionVersions.get(section.id) ?? 0,
    values: valuesFromAnswers(shown, answers),
    savedFiles: Object.fromEntries(
      answers
        .filter((answer) => answer.fileName !== null)
        .map((answer) => [answer.questionId, answer.fileName]),
    ),
  };
}

type ActionResult = {
  errors?: FieldErrors;
  /** Absent only when the form could not be read: the page then shows what was saved. */
  values?: AnswerValues;
  version?: number;
  message?: string;
  conflict?: { savedBy: string | null; theirs: { prompt: string; theirs: string; yours: string }[] };
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const access = await accessByLink(context, token);
  const language = await pageLanguage(request, context.env, access.survey.bilingual);
  const t = messagesFor(language);
  const { section, number, sections } = await pageOf(context, access, params.section, language);
  const saved = (await loadResponse(context.db, access))?.answers ?? [];
  const shown = shownQuestions(sections, section, saved);
  const store = fileStoreFor(context.env.dataDir);
  const body = await readUploadForm(request, {
    maxTextBytes: maxFormBytes(shown),
    fileLimits: fileLimitsOf(shown),
    stagingRoot: fileStoreRoot(context.env.dataDir),
  });
  if (!body.ok) {
    await discardUploads(body.uploads);
    return body.reason === "too-large"
      ? data<ActionResult>({ message: t.tooLongToSave }, { status: 413 })
      : data<ActionResult>({ message: t.couldNotRead }, { status: 400 });
  }
  const formData = body.formData;
  const values = answerValuesFrom(shown, formData);
  const page = sectionSaveSchema.safeParse({ version: formData.get("version") });
  if (!access.open || !page.success) {
    await discardUploads(body.uploads);
    return access.open
      ? data<ActionResult>({ values, message: t.pageExpired }, { status: 400 })
      : data<ActionResult>({ values, message: t.refusals.surveyClosed }, { status: 409 });
  }
  const parsed = await readPageAnswers(context.db, store, access, {
    content: sections,
    shown,
    saved,
    values,
    removeFile: (questionId) => formData.get(removeFileFieldName(questionId)) === "yes",
    uploads: body.uploads,
    t,
  });
  if (!parsed.ok) return data<ActionResult>({ errors: parsed.errors, values }, { status: 400 });
  try {
    await saveSection(
      context.db,
      access,
      { id: section.id, questions: parsed.questions },
      page.data.version,
      parsed.answers,
    );
    await dropFileRows(context.db, store, parsed.replacedFileIds);
  } catch (error) {
    await dropFileRows(context.db, store, parsed.keptFileIds);
    // A colleague saved this page since it was shown: set what they saved beside what was typed.
    const saved =
      isRefusal(error) && error.kind === "conflict" ? await savedPage(context.db, access, section) : null;
    if (saved && saved.version !== page.data.version) {
      const describe = (answers: readonly Answer[], question: AnswerableQuestion) =>
        describeAnswer(
          question,
          answers.find((answer) => answer.questionId === question.id),
          t,
        );
      return data<ActionResult>(
        {
          values,
          version: saved.version,
          conflict: {
            savedBy: saved.savedBy,
            theirs: parsed.questions.map((question) => ({
              prompt: question.prompt,
              theirs: describe(saved.answers, question),
              yours: describe(parsed.answers, question),
            })),
          },
        },
        { status: 409 },
      );
    }
    return refusalAnswer(error, { values }, language);
  }
  // An answer that brings in another question on this page: show the page again, with it.
  if (parsed.appeared) return redirect(`/s/${token}/${number}?more=1`, 303);
  const next = nextSectionNumber(sections, [...saved, ...parsed.answers], number);
  return redirect(next ? `/s/${token}/${next}` : `/s/${token}/check`, 303);
}

export default function SurveySection() {
  const page = useLoaderData<typeof loader>();
  const actionData: (ActionResult & { refusal?: string }) | undefined = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const values = actionData?.values ?? page.values;
  const version = actionData?.version ?? page.version;
  const conflict = actionData?.conflict;
  const t = messagesFor(page.language);
  return (
    <div className="narrow" lang={page.language}>
      {page.bilingual ? <LanguageSwitch language={page.language} /> : null}
      <ErrorSummary errors={actionData?.errors} title={t.thereIsAProblem} />
      {actionData?.message || actionData?.refusal ? (
        <div className="panel panel--warning" role="alert">
          <p>{actionData.message ?? actionData.refusal}</p>
        </div>
      ) : null}
      {conflict ? (
        <div className="panel panel--warning" role="alert" aria-labelledby="conflict-title">
          <h2 id="conflict-title">{t.conflictTitle(conflict.savedBy)}</h2>
          <p>{t.conflictNothingLost}</p>
          <table className="table">
            <caption className="visually-hidden">{t.conflictCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.question}</th>
                <th scope="col">{t.savedBy(conflict.savedBy)}</th>
                <th scope="col">{t.yoursNotSaved}</th>
              </tr>
            </thead>
            <tbody>
              {conflict.theirs.map((row, index) => (
                <tr key={index}>
                  <th scope="row">{row.prompt}</th>
                  <td>{row.theirs}</td>
                  <td>{row.yours}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            {t.conflictKeepYours} <Link to=".">{t.loadTheirAnswers}</Link> {t.conflictThenDiscarded}
          </p>
        </div>
      ) : null}
      <p className="survey-progress">
        <span className="visually-hidden">{page.survey.title}: </span>
        {t.sectionOf(page.number, page.count)}
      </p>
      <progress
        className="survey-progress__bar"
        max={page.count}
        value={page.number - 1}
        aria-hidden="true"
      />
      <h1>
        <Marked english={page.section.english} field="title" text={page.section.title} />
      </h1>
      {page.appeared ? (
        <div className="panel" role="status">
          <p>{t.broughtInQuestion}</p>
        </div>
      ) : null}
      {page.section.introduction ? (
        <p className="lead">
          <Marked english={page.section.english} field="introduction" text={page.section.introduction} />
        </p>
      ) : null}
      <Form
        method="post"
        noValidate
        encType={
          page.section.questions.some((question) => question.config.kind === "file")
            ? "multipart/form-data"
            : undefined
        }
        key={`${page.section.id}-${version}-${conflict ? "conflict" : ""}`}
      >
        <input type="hidden" name="version" value={version} />
        {page.section.questions.map((question) => (
          <AnswerField
            key={question.id}
            question={question}
            values={values}
            errors={actionData?.errors}
            anonymity={page.survey.anonymity}
            savedFileName={page.savedFiles[question.id] ?? null}
            t={t}
          />
        ))}
        <div className="button-group">
          <button type="submit" className="button" disabled={submitting}>
            {t.continue}
          </button>
        </div>
      </Form>
      <p>
        <Link to={page.previous ? `../${page.previous}` : ".."} relative="path" className="back-link">
          {t.back}
        </Link>
      </p>
    </div>
  );
}
