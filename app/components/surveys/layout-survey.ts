import { useRouteLoaderData } from "@remix-run/react";
import type { loader } from "~/routes/surveys.$id.tsx";

/** The survey the layout route loaded, for the staff pages inside it. */
export function useLayoutSurvey() {
  const survey = useRouteLoaderData<typeof loader>("routes/surveys.$id")?.survey;
  if (!survey) throw new Error("Staff survey pages are shown only inside the survey layout.");
  return survey;
}
