import type { AppLoadContext } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { requireStaff, requireUser } from "~/models/accounts/auth.server.ts";
import { isStaff, type Person } from "~/models/accounts/people.server.ts";
import { idParam } from "~/utils/ids.ts";
import { memoPerRequest } from "~/utils/per-request.server.ts";
import { getSurvey, type Survey } from "./surveys.server.ts";

/**
 * What the pages under /surveys/:id load once per request: the layout route and the page inside
 * it both ask, and the survey is read and authorised once.
 */
const surveys = memoPerRequest<Survey>();

/** A staff page of one survey: 403 for anyone else signed in, 404 for an id that does not exist. */
export async function staffSurvey(
  request: Request,
  params: Params,
  context: AppLoadContext,
): Promise<{ user: Person; survey: Survey }> {
  const user = await requireStaff(request, context);
  const id = idParam(params, "id");
  const survey = await surveys.get(context, `survey:${id}`, () => getSurvey(context.db, user, id));
  return { user, survey };
}

/**
 * The layout's survey: staff's, or null for a member, who may reach only the members' summary and
 * whom that page checks by its own rule (invited, and the survey closed).
 */
export async function surveyForLayout(
  request: Request,
  params: Params,
  context: AppLoadContext,
): Promise<Survey | null> {
  const user = await requireUser(request, context);
  return isStaff(user) ? (await staffSurvey(request, params, context)).survey : null;
}
