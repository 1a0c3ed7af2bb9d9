import { useRouteLoaderData } from "@remix-run/react";
import type { loader } from "~/routes/manage.letters.$id.tsx";

/** The letter a staff page is about, and the moves on offer, as its layout route loaded them. */
export function useStaffLetter() {
  const page = useRouteLoaderData<typeof loader>("routes/manage.letters.$id");
  if (!page) throw new Error("A letter's staff page is shown outside its layout route");
  return page;
}
