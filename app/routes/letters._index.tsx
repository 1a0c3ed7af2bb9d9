import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/pagination.tsx";
import { LetterStateTag } from "~/components/letters/state-tag.tsx";
import { listPublicLetters } from "~/models/letters/public.server.ts";
import { isStaff } from "~/models/accounts/people.server.ts";
import { LETTERS_PAGE_SIZE } from "~/schemas/letters-labels.ts";
import { pageParamSchema } from "~/schemas/letters.ts";
import { getUser } from "~/models/accounts/auth.server.ts";
import { formatLongDate } from "~/utils/letter-format.ts";

export const meta: MetaFunction = () => [{ title: "Open letters · Mutual Voice" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const page = pageParamSchema.parse(new URL(request.url).searchParams.get("page") ?? undefined);
  const [user, { letters, total }] = await Promise.all([
    getUser(request, context),
    listPublicLetters(context.db, { page, pageSize: LETTERS_PAGE_SIZE }),
  ]);
  return { letters, total, page, staff: user ? isStaff(user) : false, leader: user?.isLeader ?? false };
}

export default function OpenLetters() {
  const { letters, total, page, staff, leader } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Open letters</h1>
      <p className="lead">
        Letters from the leaders of public service mutuals to government, each signed once for each
        organisation.
      </p>
      {staff ? (
        <p>
          <Link to="/manage/letters">Manage open letters</Link>
        </p>
      ) : null}
      {leader ? <p>As a leader of a member organisation, you can sign any letter that is open.</p> : null}
      {letters.length === 0 ? (
        <p>There are no open letters yet.</p>
      ) : (
        <ul className="letter-list">
          {letters.map((letter) => (
            <li key={letter.slug} className="card">
              <h2 className="letter-list__title">
                <Link to={`/letters/${letter.slug}`}>{letter.title}</Link>
              </h2>
              <p>
                To {letter.addressee}. <LetterStateTag state={letter.state} />
              </p>
              <p>
                {letter.signatures === 1
                  ? "1 organisation has signed"
                  : `${letter.signatures} organisations have signed`}
                {letter.openedAt ? `, since ${formatLongDate(letter.openedAt)}` : ""}.
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination
        page={page}
        pageCount={Math.ceil(total / LETTERS_PAGE_SIZE)}
        search=""
        label="Pages of letters"
      />
    </>
  );
}
