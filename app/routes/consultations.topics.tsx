import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { optionsFrom, SelectField } from "~/components/select-field.tsx";
import { TextField } from "~/components/text-field.tsx";
import {
  addTopicKeyword,
  listTopicKeywords,
  removeTopicKeyword,
} from "~/models/consultations/topic-keywords.server.ts";
import { positionTopicLabels } from "~/schemas/positions-labels.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { formValues, parseForm } from "~/utils/forms.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { topicFormSchema } from "~/schemas/consultations.ts";

export const meta: MetaFunction = () => [{ title: "Topic keywords · Consultation radar · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  return { topics: await listTopicKeywords(context.db, user) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const formData = await readForm(request);
  const form = parseForm(topicFormSchema, formData);
  if (!form.ok) return data({ values: form.values, refusal: null, errors: form.errors }, { status: 400 });
  try {
    if (form.data.intent === "add-keyword") await addTopicKeyword(context.db, user, form.data);
    else await removeTopicKeyword(context.db, user, form.data.keywordId);
  } catch (error) {
    return refusalAnswer(error, { values: formValues(formData) });
  }
  return redirect("/consultations/topics", 303);
}

export default function TopicKeywords() {
  const { topics } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/consultations">Consultation radar</Link>
      </p>
      <ErrorSummary errors={actionData?.errors} />
      <h1>Topic keywords</h1>
      <p>
        A consultation is flagged relevant when its title or description holds one of these keywords as a
        whole word, in any case. The topics are the ones positions use. Changing the keywords re-checks every
        consultation.
      </p>
      <Form method="post" noValidate className="filters">
        <input type="hidden" name="intent" value="add-keyword" />
        <SelectField
          name="topic"
          label="Topic"
          options={optionsFrom(positionTopicLabels)}
          placeholder="Choose a topic"
          defaultValue={actionData?.values.topic ?? ""}
          error={actionData?.errors.topic}
        />
        <TextField
          name="keyword"
          label="Keyword or phrase"
          defaultValue={actionData?.values.keyword ?? ""}
          error={actionData?.errors.keyword}
        />
        <button type="submit" className="button" disabled={busy}>
          Add keyword
        </button>
      </Form>
      <table className="table">
        <caption className="visually-hidden">Keywords by topic</caption>
        <thead>
          <tr>
            <th scope="col">Topic</th>
            <th scope="col">Keywords</th>
          </tr>
        </thead>
        <tbody>
          {topics.map((topic) => (
            <tr key={topic.topic}>
              <th scope="row">{topic.label}</th>
              <td>
                {topic.keywords.length === 0 ? (
                  <span className="field__hint">No keywords</span>
                ) : (
                  <ul className="keyword-list">
                    {topic.keywords.map((keyword) => (
                      <li key={keyword.id}>
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="keywordId" value={keyword.id} />
                          <span className="keyword">{keyword.keyword}</span>{" "}
                          <button
                            type="submit"
                            name="intent"
                            value="remove-keyword"
                            className="button button--small button--secondary"
                            disabled={busy}
                          >
                            Remove
                            <span className="visually-hidden">
                              {" "}
                              {keyword.keyword} from {topic.label}
                            </span>
                          </button>
                        </Form>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
