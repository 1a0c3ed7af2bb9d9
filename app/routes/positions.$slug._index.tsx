import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ItemCampaignsRow } from "~/components/campaigns/item-campaigns.tsx";
import { campaignsOfItem } from "~/models/campaigns/choices.server.ts";
import { GovernmentPicker } from "~/components/positions/government-picker.tsx";
import { MarkdownView } from "~/components/positions/markdown-view.tsx";
import { PositionActions } from "~/components/positions/position-actions.tsx";
import { PositionStateTag } from "~/components/positions/state-tag.tsx";
import { ActionOutcome, type IntentActionData } from "~/components/review-forms.tsx";
import {
  positionTitle,
  usePosition,
  useStaffPositionIfStaff,
  type PositionMatches,
} from "~/components/positions/use-position.ts";
import { isStaff } from "~/models/accounts/people.server.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { availableMoves, positionLifecycle } from "~/models/positions/lifecycle.server.ts";
import { requirePosition } from "~/models/positions/page.server.ts";
import {
  getPositionBySlug,
  getVersion,
  listPolicyStaff,
  renderVersion,
} from "~/models/positions/positions.server.ts";
import { listReviews } from "~/models/positions/reviews.server.ts";
import { staffVersionView } from "~/models/positions/views.server.ts";
import { governmentLabels, governmentSchema, type Government } from "~/schemas/governments.ts";
import {
  editableStates,
  isPositionMoveName,
  positionMoveSchemas,
  positionTopicLabels,
} from "~/schemas/positions.ts";
import { formatDateTime } from "~/utils/format.ts";
import { formValues, parseForm } from "~/utils/forms.ts";
import { Refusal, refusalAnswer } from "~/utils/refusal.server.ts";
import { readForm } from "~/utils/form-body.server.ts";

const doneMessages: Record<string, string> = {
  saved: "Saved as a new version.",
  unchanged: "Nothing had changed, so no new version was saved.",
  "request-review": "Review requested. The reviewer has been emailed.",
  "send-back": "Sent back to draft. The author has been emailed your comment.",
  approve: "Approved. The author has been emailed; it is ready to publish.",
  publish: "Published. Members can now read it.",
  "urgent-publish": "Published without review. It is marked as awaiting a retrospective review.",
  "retrospective-review": "Retrospective review recorded.",
  retire: "Retired. Members no longer see it.",
  reopen: "Reopened as a draft: the approval no longer stands.",
};

export const meta: MetaFunction<typeof loader, PositionMatches> = ({ matches }) => [
  { title: `${positionTitle(matches) ?? "Position"} · Mutual Voice` },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, position } = await requirePosition(request, context, params.slug);
  const url = new URL(request.url);
  const chosen = governmentSchema.safeParse(url.searchParams.get("government"));
  const government: Government | "all" = chosen.success ? chosen.data : "all";
  const staff = isStaff(user);
  const versionId = staff ? position.currentVersionId : position.publishedVersionId;
  if (versionId === null) throw Refusal.notFound();
  const version = await getVersion(context.db, user, position, versionId);
  const rendered = await renderVersion(context.db, position, version, {
    government,
    mode: staff ? "editor" : "published",
  });
  const done = url.searchParams.get("done");
  const refused = (move: "approve" | "retrospective-review") =>
    positionLifecycle.refusalFor(move, user, position)?.message ?? null;
  return {
    inCampaigns: staff
      ? { id: position.id, campaigns: await campaignsOfItem(context.db, user, "position", position.id) }
      : null,
    // Members get the published text and nothing of who wrote it or what staff noted on it.
    version: staff ? staffVersionView(version) : null,
    rendered: { html: rendered.html, problems: staff ? rendered.problems : [] },
    government,
    staff,
    view: staff
      ? {
          state: position.state,
          moves: availableMoves(user, position),
          editable: editableStates.includes(position.state),
          reviewerName: position.reviewerName,
          reviewers: (await listPolicyStaff(context.db)).filter((person) => person.id !== user.id),
          hasProblems: rendered.problems.some(
            (problem) => problem.kind.endsWith("evidence") || problem.kind === "no_consent",
          ),
          cannotApprove: refused("approve"),
          cannotReview: position.awaitingRetrospectiveReview ? refused("retrospective-review") : null,
        }
      : null,
    reviews: staff ? await listReviews(context.db, user, position) : [],
    done: done && done in doneMessages ? doneMessages[done] : null,
  };
}

type ActionResult = IntentActionData & { refusal?: string };

/** Each form of the page is one lifecycle move, named by its intent. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireStaff(request, context);
  const position = await getPositionBySlug(context.db, user, params.slug ?? "");
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  if (!isPositionMoveName(intent)) {
    return data<ActionResult>({ intent, refusal: "That action is not recognised." }, { status: 400 });
  }
  const form = parseForm(positionMoveSchemas[intent], formData);
  if (!form.ok) {
    const errors = Object.fromEntries(
      Object.entries(form.errors).map(([key, message]) => [`${intent}-${key}`, message]),
    );
    return data<ActionResult>({ intent, errors, values: form.values }, { status: 400 });
  }
  try {
    await positionLifecycle.move(context.db, user, intent, position.id, form.data, {
      appUrl: context.appUrl,
    });
  } catch (error) {
    return refusalAnswer(error, { intent, values: formValues(formData) });
  }
  return redirect(`/positions/${position.slug}?done=${intent}`);
}

export default function PositionPage() {
  const position = usePosition();
  const staffPosition = useStaffPositionIfStaff();
  const { version, rendered, government, staff, view, reviews, done, inCampaigns } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <ActionOutcome actionData={actionData} done={done} />
      <p className="breadcrumbs">
        <Link to="/positions">Positions</Link>
      </p>
      <h1>{position.title}</h1>
      {staffPosition ? (
        <p>
          <PositionStateTag state={position.state} awaiting={staffPosition.awaitingRetrospectiveReview} />
        </p>
      ) : null}
      {position.summary ? <p className="lead">{position.summary}</p> : null}
      <dl className="summary-list">
        <div>
          <dt>Topics</dt>
          <dd>{position.topics.map((topic) => positionTopicLabels[topic]).join(", ")}</dd>
        </div>
        {inCampaigns ? (
          <ItemCampaignsRow campaigns={inCampaigns.campaigns} kind="position" itemId={inCampaigns.id} />
        ) : null}
        {staffPosition && version ? (
          <>
            <div>
              <dt>Owner</dt>
              <dd>{staffPosition.ownerName}</dd>
            </div>
            <div>
              <dt>Version</dt>
              <dd>
                {version.number}, saved by {version.authorName ?? "a former colleague"} on{" "}
                {formatDateTime(version.createdAt)}
                {version.note ? ` (“${version.note}”)` : ""}.{" "}
                <Link to={`/positions/${position.slug}/versions`}>History and comparisons</Link>
              </dd>
            </div>
            {staffPosition.reviewerName ? (
              <div>
                <dt>Reviewer</dt>
                <dd>{staffPosition.reviewerName}</dd>
              </div>
            ) : null}
          </>
        ) : null}
        {position.publishedAt ? (
          <div>
            <dt>Published</dt>
            <dd>{formatDateTime(position.publishedAt)}</dd>
          </div>
        ) : null}
        <div>
          <dt>Who can read it</dt>
          <dd>
            {position.isPublic ? "Everyone, once published" : "Staff, and members once published"}
            {position.isPublic && position.state === "published" ? (
              <>
                {" "}
                (<Link to={`/p/${position.slug}`}>public page</Link>)
              </>
            ) : null}
          </dd>
        </div>
      </dl>
      {view ? <PositionActions slug={position.slug} view={view} actionData={actionData} /> : null}
      <GovernmentPicker government={government} />
      {staff ? (
        <p>
          <Link to={`/positions/${position.slug}/variants`}>Compare what two governments read</Link>
        </p>
      ) : null}
      {staff && rendered.problems.length ? (
        <div className="panel panel--warning">
          <h2 className="panel__title">Problems in the text</h2>
          <ul>
            {rendered.problems.map((problem, index) => (
              <li key={index}>{problem.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <article
        className="position-text"
        aria-label={government === "all" ? "Text" : `Text for ${governmentLabels[government]}`}
      >
        {rendered.html ? <MarkdownView html={rendered.html} /> : <p>No text yet.</p>}
      </article>
      {staff ? (
        <section aria-labelledby="reviews-title">
          <h2 id="reviews-title">Review history</h2>
          {reviews.length === 0 ? (
            <p>No reviews yet.</p>
          ) : (
            <ol className="timeline">
              {reviews.map((review) => (
                <li key={review.id}>
                  <strong>{reviewLabel(review.outcome, review.reviewerName)}</strong> by{" "}
                  {review.actorName ?? "a former colleague"}, {formatDateTime(review.createdAt)} (version{" "}
                  {review.versionNumber})
                  {review.comment ? <p className="timeline__comment">{review.comment}</p> : null}
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}
    </>
  );
}

function reviewLabel(outcome: string, reviewerName: string | null) {
  if (outcome === "requested") return `Review requested from ${reviewerName ?? "a reviewer"}`;
  if (outcome === "sent_back") return "Sent back";
  if (outcome === "approved") return "Approved";
  return "Retrospective review";
}
