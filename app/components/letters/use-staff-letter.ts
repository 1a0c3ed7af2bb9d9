import { useLayoutData } from "~/utils/layout-data.ts";
import type { loader } from "~/routes/manage.letters.$id.tsx";

/** The letter a staff page is about, and the moves on offer, as its layout route loaded them. */
export function useStaffLetter() {
  return useLayoutData<typeof loader>("routes/manage.letters.$id");
}
