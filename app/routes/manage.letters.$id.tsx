import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { areaErrorBoundary } from "~/components/error-page.tsx";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { letterMovesFor } from "~/models/letters/lifecycle.server.ts";
import { getLetterForStaffPage } from "~/models/letters/letters.server.ts";
import { idParam } from "~/utils/ids.ts";

/** A letter's staff pages: the letter is loaded and authorised here once, with the moves on offer. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const letter = await getLetterForStaffPage(context, user, idParam(params, "id"));
  return { letter, moves: letterMovesFor(user, letter) };
}

export default function LetterPages() {
  return <Outlet />;
}

export const ErrorBoundary = areaErrorBoundary({
  missing: "There is no open letter at this address, or you cannot see it.",
  back: { to: "/manage/letters", label: "Back to open letters" },
});
