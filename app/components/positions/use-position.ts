import type { MetaFunction } from "@remix-run/react";
import { useLayoutData } from "~/utils/layout-data.ts";
import type { loader } from "~/routes/positions.$slug.tsx";

const layoutId = "routes/positions.$slug";

/** What the pages nested in the position's layout route know of it, for their `meta`. */
export type PositionMatches = { [layoutId]: typeof loader };

/** What every reader may know of the position its layout route loaded and authorised. */
export function usePosition() {
  return useLayoutData<typeof loader>(layoutId).position;
}

/** The whole position when staff are looking; null for members, who never receive it. */
export function useStaffPositionIfStaff() {
  return useLayoutData<typeof loader>(layoutId).staff;
}

/** The whole position, on the staff pages nested in the layout. */
export function useStaffPosition() {
  const staff = useStaffPositionIfStaff();
  if (!staff) throw new Error("This page is for staff: the layout sent no staff view of the position");
  return staff;
}

/** The position's title in a nested page's `meta`, from its layout route's data. */
export const positionTitle = (matches: Parameters<MetaFunction<unknown, PositionMatches>>[0]["matches"]) =>
  matches.find((match) => match.id === layoutId)?.data?.position.title;
