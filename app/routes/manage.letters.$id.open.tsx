import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { RefusalPanel } from "~/components/refusal-panel.tsx";
import { useStaffLetter } from "~/components/letters/use-staff-letter.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { listEligibleLeaders } from "~/models/letters/invitations.server.ts";
import { getLetterForStaff, getLetterForStaffPage } from "~/models/letters/letters.server.ts";
import { inviteMoreLeaders, mayMoveLetter, openLetter } from "~/models/letters/lifecycle.server.ts";
import { nationLabels, nations } from "~/schemas/directory-labels.ts";
import { openLetterSchema } from "~/schemas/letters.ts";
import { say } from "~/schemas/messages-labels.ts";
import { parseForm } from "~/utils/forms.ts";
import { idParam } from "~/utils/ids.ts";
import { refusalAnswer } from "~/utils/refusal.server.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { letterNationsSchema } from "~/schemas/letters.ts";
import { letterPersonIdsSchema } from "~/schemas/letters.ts";

export const meta: MetaFunction = () => [{ title: "Invite leaders · Open letters · Mutual Voice" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const letter = await getLetterForStaffPage(context, user, idParam(params, "id"));
  if (!mayMoveLetter(user, letter, "open", "invite")) throw redirect(`/manage/letters/${letter.id}`);
  const leaders = await listEligibleLeaders(context.db, user, letter.id);
  const waiting = leaders.filter((leader) => !leader.invited);
  return {
    leaders,
    waiting: waiting.length,
    byNation: nations.map((nation) => ({
      nation,
      label: nationLabels[nation],
      count: waiting.filter((leader) => leader.nation === nation).length,
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const id = idParam(params, "id");
  const formData = await readForm(request);
  const form = parseForm(openLetterSchema, formData);
  const chosenNations = letterNationsSchema.safeParse(formData.getAll("nation"));
  const personIds = letterPersonIdsSchema.safeParse(formData.getAll("personId"));
  const values = { audience: String(formData.get("audience") ?? "") };
  const selection = {
    nations: chosenNations.success ? chosenNations.data : [],
    personIds: personIds.success ? personIds.data : [],
  };
  const refuse = (errors: Record<string, string>) =>
    data({ errors, values, selection, refusal: null }, { status: 400 });
  if (!form.ok) return refuse(form.errors);
  if (!chosenNations.success || !personIds.success)
    return refuse({ audience: say.choose("who to invite from the lists") });
  if (form.data.audience === "nations" && !selection.nations.length)
    return refuse({ nation: say.choose("at least one nation") });
  if (form.data.audience === "chosen" && !selection.personIds.length)
    return refuse({ personId: say.choose("at least one leader") });
  const audience = { audience: form.data.audience, ...selection };
  try {
    const letter = await getLetterForStaff(context.db, user, id);
    const invited = mayMoveLetter(user, letter, "open")
      ? (await openLetter(context.db, user, id, audience, context.appUrl)).invited
      : await inviteMoreLeaders(context.db, user, id, audience, context.appUrl);
    context.purgeCachedPage(`/letters/${letter.slug}`);
    return redirect(`/manage/letters/${id}?invited=${invited}`, 303);
  } catch (error) {
    return refusalAnswer(error, { values, selection });
  }
}

export default function OpenLetter() {
  const { letter, moves } = useStaffLetter();
  const { leaders, waiting, byNation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const audience = actionData?.values.audience || "all";
  const opening = moves.some((move) => move.name === "open");
  return (
    <>
      <ErrorSummary errors={actionData?.errors} />
      <RefusalPanel message={actionData?.refusal} />
      <p className="letter-kicker">
        <Link to={`/manage/letters/${letter.id}`}>{letter.title}</Link>
      </p>
      <h1>{opening ? "Open for signatures" : "Invite more leaders"}</h1>
      <p>
        {opening
          ? "Opening publishes the letter's page and emails each leader you choose a personal link to sign. The text cannot be edited afterwards."
          : "Each leader you choose gets a personal link by email. Leaders already invited are not emailed again."}{" "}
        Any leader of a member organisation can also sign after signing in, invited or not.
      </p>
      <Form method="post" noValidate>
        <fieldset className="fieldset" aria-describedby="audience-hint">
          <legend className="fieldset__legend">Who should be invited?</legend>
          <p className="field__hint" id="audience-hint">
            {waiting} leaders of member organisations have not been invited yet.
          </p>
          <div className="choice">
            <input
              type="radio"
              id="audience"
              name="audience"
              value="all"
              defaultChecked={audience === "all"}
            />
            <label htmlFor="audience">Every leader not yet invited ({waiting})</label>
          </div>
          <div className="choice">
            <input
              type="radio"
              id="audience-nations"
              name="audience"
              value="nations"
              defaultChecked={audience === "nations"}
            />
            <label htmlFor="audience-nations">Leaders in the nations I choose</label>
          </div>
          <div className="choice">
            <input
              type="radio"
              id="audience-chosen"
              name="audience"
              value="chosen"
              defaultChecked={audience === "chosen"}
            />
            <label htmlFor="audience-chosen">Only the leaders I choose</label>
          </div>
        </fieldset>
        <fieldset className={`fieldset${actionData?.errors?.nation ? " field--error" : ""}`}>
          <legend className="fieldset__legend">Nations (for “Leaders in the nations I choose”)</legend>
          {actionData?.errors?.nation ? <p className="field__error">{actionData.errors.nation}</p> : null}
          {byNation.map((entry, index) => (
            <div className="choice" key={entry.nation}>
              <input
                type="checkbox"
                id={index === 0 ? "nation" : `nation-${entry.nation}`}
                name="nation"
                value={entry.nation}
                defaultChecked={actionData?.selection.nations.some((n) => n === entry.nation)}
              />
              <label htmlFor={index === 0 ? "nation" : `nation-${entry.nation}`}>
                {entry.label} ({entry.count})
              </label>
            </div>
          ))}
        </fieldset>
        <fieldset className={`fieldset${actionData?.errors?.personId ? " field--error" : ""}`}>
          <legend className="fieldset__legend">Leaders (for “Only the leaders I choose”)</legend>
          {actionData?.errors?.personId ? <p className="field__error">{actionData.errors.personId}</p> : null}
          {leaders.length === 0 ? (
            <p>There are no leaders of member organisations in the directory yet.</p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">Leaders of member organisations</caption>
              <thead>
                <tr>
                  <th scope="col">Invite</th>
                  <th scope="col">Organisation</th>
                  <th scope="col">Nation</th>
                </tr>
              </thead>
              <tbody>
                {leaders.map((leader, index) => {
                  const id = index === 0 ? "personId" : `person-${leader.personId}`;
                  return (
                    <tr key={leader.personId}>
                      <td>
                        <div className="choice">
                          <input
                            type="checkbox"
                            id={id}
                            name="personId"
                            value={leader.personId}
                            disabled={leader.invited}
                            defaultChecked={actionData?.selection.personIds.includes(leader.personId)}
                          />
                          <label htmlFor={id}>
                            {leader.name}
                            {leader.jobTitle ? `, ${leader.jobTitle}` : ""}
                            {leader.invited ? " (invited)" : ""}
                          </label>
                        </div>
                      </td>
                      <td>{leader.organisation}</td>
                      <td>{leader.nation ? nationLabels[leader.nation] : "Not known"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </fieldset>
        <button type="submit" className="button" disabled={submitting}>
          {opening ? "Open and send invitations" : "Send invitations"}
        </button>{" "}
        <Link to={`/manage/letters/${letter.id}`}>Cancel</Link>
      </Form>
    </>
  );
}
