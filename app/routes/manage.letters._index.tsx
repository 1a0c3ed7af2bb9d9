import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/pagination.tsx";
import { LetterStateTag } from "~/components/letters/state-tag.tsx";
import { listLettersForStaff } from "~/models/letters/staff.server.ts";
import { letterStateLabels, letterStates, LETTERS_PAGE_SIZE } from "~/schemas/letters-labels.ts";
import { pageParamSchema, letterStateSchema } from "~/schemas/letters.ts";
import { requireStaff } from "~/models/accounts/auth.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { rangeText } from "~/utils/letter-format.ts";

export const meta: MetaFunction = () => [{ title: "Manage open letters · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, context);
  const url = new URL(request.url);
  const page = pageParamSchema.parse(url.searchParams.get("page") ?? undefined);
  const state = letterStateSchema.safeParse(url.searchParams.get("state"));
  const { letters, total } = await listLettersForStaff(context.db, user, {
    page,
    pageSize: LETTERS_PAGE_SIZE,
    state: state.success ? state.data : undefined,
  });
  return { letters, total, page, state: state.success ? state.data : null };
}

export default function ManageLetters() {
  const { letters, total, page, state } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Open letters</h1>
      <p>
        <Link className="button" to="/manage/letters/new">
          Draft a new letter
        </Link>
      </p>
      <nav aria-label="Filter by state">
        <ul className="letter-filters">
          <li>{state === null ? <strong aria-current="true">All</strong> : <Link to="?">All</Link>}</li>
          {letterStates.map((value) => (
            <li key={value}>
              {state === value ? (
                <strong aria-current="true">{letterStateLabels[value]}</strong>
              ) : (
                <Link to={`?state=${value}`}>{letterStateLabels[value]}</Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {letters.length === 0 ? (
        <p>{state ? "No letters in this state." : "No letters yet. Draft the first one."}</p>
      ) : (
        <>
          <p>{rangeText(page, LETTERS_PAGE_SIZE, total)}</p>
          <table className="table">
            <caption className="visually-hidden">Open letters</caption>
            <thead>
              <tr>
                <th scope="col">Letter</th>
                <th scope="col">State</th>
                <th scope="col">Signatures</th>
                <th scope="col">Last change</th>
              </tr>
            </thead>
            <tbody>
              {letters.map((letter) => (
                <tr key={letter.id}>
                  <td>
                    <Link to={`/manage/letters/${letter.id}`}>{letter.title}</Link>
                    <br />
                    <span className="field__hint">To {letter.addressee}</span>
                  </td>
                  <td>
                    <LetterStateTag state={letter.state} />
                  </td>
                  <td>
                    {letter.signatures}
                    {letter.signatureGoal ? ` of ${letter.signatureGoal}` : ""}
                  </td>
                  <td>{formatDateTime(letter.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <Pagination
        page={page}
        pageCount={Math.ceil(total / LETTERS_PAGE_SIZE)}
        search={state ? `state=${state}` : ""}
        label="Pages of letters"
      />
    </>
  );
}
