import type { MetaFunction } from "@remix-run/react";
import { useLayoutData } from "~/utils/layout-data.ts";
import type { loader } from "~/routes/positions.$slug.tsx";

const layoutId = "routes/positions.$slug";

/** What the pages nested in the position's layout route know of it, for their `meta`. */
export type PositionMatches = { [layoutId]: typeof loader };

/** The position its layout route loaded and authorised, for the pages nested in it. */
export function usePosition() {
  return useLayoutData<typeof loader>(layoutId).position;
}

/** The position's title in a nested page's `meta`, from its layout route's data. */
export const positionTitle = (matches: Parameters<MetaFunction<unknown, PositionMatches>>[0]["matches"]) =>
  matches.find((match) => match.id === layoutId)?.data?.position.title;
