import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { LanguageSwitch } from "~/components/language-switch.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { LetterStateTag } from "~/components/letters/state-tag.tsx";
import { getPublicLetter } from "~/models/letters/public.server.ts";
import { deliveryMethodLabels, LETTERS_PAGE_SIZE, type SignatoryOrder } from "~/schemas/letters-labels.ts";
import { pageParamSchema, signatoryOrderSchema } from "~/schemas/letters.ts";
import { getUser } from "~/models/accounts/auth.server.ts";
import { buildId } from "~/utils/build-id.server.ts";
import { pageLanguage } from "~/utils/language.server.ts";
import { matchesIfNoneMatch, weakEtag } from "~/utils/etag.server.ts";
import { describeFiguresIn } from "~/utils/letter-figures.ts";
import { formatCalendarDateIn, formatDateIn, formatDateTimeIn, type Language } from "~/utils/i18n.ts";
import { letterMessagesFor, type LetterMessages } from "~/utils/i18n-letters.ts";
import { Refusal } from "~/utils/refusal.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `${page.letter.title} · Open letter · Mutual Voice` : "Open letter · Mutual Voice" },
  ...(page
    ? [
        {
          name: "description",
          content: `An open letter to ${page.letter.addressee}, signed by ${page.figures}.`,
        },
      ]
    : []),
];

/**
 * Shared widely and read far more than it changes: anonymous visitors get a page caches may keep
 * for a few seconds and then revalidate (ETag, 304); signed-in people see their own header, so
 * their copy is private.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const letter = await getPublicLetter(context.db, params.slug ?? "");
  if (!letter) throw Refusal.notFound();
  const user = await getUser(request, context);
  const language = await pageLanguage(request, context.env, letter.bilingual);
  const etag = weakEtag(letter.version, buildId, language, user ? `u${user.id}` : "public");
  const settled = !letter.accepting;
  const headers = {
    ETag: etag,
    Vary: "Cookie",
    "Cache-Control": user
      ? "private, no-cache"
      : settled
        ? "public, max-age=60, s-maxage=10, stale-while-revalidate=600"
        : "public, max-age=5, s-maxage=1, stale-while-revalidate=30",
  };
  if (matchesIfNoneMatch(request, etag)) throw new Response(null, { status: 304, headers });

  const url = new URL(request.url);
  const order = signatoryOrderSchema.parse(url.searchParams.get("order") ?? undefined);
  const total = letter.signatories.length;
  const pages = Math.max(1, Math.ceil(total / LETTERS_PAGE_SIZE));
  const page = Math.min(pageParamSchema.parse(url.searchParams.get("page") ?? undefined), pages);
  const list = order === "alphabetical" ? letter.alphabetical : letter.signatories;
  const start = (page - 1) * LETTERS_PAGE_SIZE;
  const ownSignature =
    user?.isLeader && user.organisationId !== null
      ? letter.signatories.find((signatory) => signatory.organisationId === user.organisationId)
      : undefined;
  return data(
    {
      language,
      bilingual: letter.bilingual,
      letter: {
        slug: letter.slug,
        // In Welsh where there is Welsh; each text says which language it is in (lang).
        ...(language === "cy" && letter.welsh.title
          ? { title: letter.welsh.title, titleLang: "cy" as const }
          : { title: letter.title, titleLang: "en" as const }),
        ...(language === "cy" && letter.welsh.bodyHtml
          ? { bodyHtml: letter.welsh.bodyHtml, bodyLang: "cy" as const }
          : { bodyHtml: letter.bodyHtml, bodyLang: "en" as const }),
        addressee: letter.addressee,
        state: letter.state,
        accepting: letter.accepting,
        closesAt: letter.closesAt,
        signatureGoal: letter.signatureGoal,
        openedAt: letter.openedAt,
        closedAt: letter.closedAt,
        withdrawnAt: letter.withdrawnAt,
        delivery: letter.delivery,
      },
      signatories: list.slice(start, start + LETTERS_PAGE_SIZE).map((s) => ({
        name: s.name,
        jobTitle: s.jobTitle,
        organisation: s.organisation,
        signedAt: s.signedAt,
      })),
      count: letter.figures.organisations,
      figures: describeFiguresIn(language, letter.figures),
      order,
      page,
      total,
      viewer: user
        ? { isLeader: user.isLeader, organisationSigned: ownSignature ? ownSignature.name : null }
        : null,
    },
    { status: letter.state === "withdrawn" ? 410 : 200, headers },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => {
  const source = errorHeaders?.has("ETag") ? errorHeaders : loaderHeaders;
  const result = new Headers();
  for (const name of ["ETag", "Vary", "Cache-Control"]) {
    const value = source.get(name);
    if (value) result.set(name, value);
  }
  return result;
};

/** While the letter is open, its counts refresh on their own every 20 seconds while the tab is visible. */
function useLiveCounts(active: boolean) {
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && state === "idle") revalidate();
    }, 20_000);
    return () => clearInterval(timer);
  }, [active, revalidate, state]);
}

function orderHref(order: SignatoryOrder) {
  return order === "signed" ? "?#signatories" : "?order=alphabetical#signatories";
}

export default function PublicLetter() {
  const { letter, signatories, count, figures, order, page, total, viewer, language, bilingual } =
    useLoaderData<typeof loader>();
  useLiveCounts(letter.accepting);
  const t = letterMessagesFor(language);

  if (letter.state === "withdrawn") {
    return (
      <div className="narrow">
        <p className="letter-kicker">{t.openLetter}</p>
        <h1 lang={letter.titleLang}>{letter.title}</h1>
        <p className="panel">
          {t.withdrawnLetter(letter.withdrawnAt ? formatDateIn(language, letter.withdrawnAt) : null)}
        </p>
        <p>
          <Link to="/letters">{t.otherLetters}</Link>
        </p>
      </div>
    );
  }

  const goal = letter.signatureGoal;
  return (
    <>
      {bilingual ? <LanguageSwitch language={language} /> : null}
      <p className="letter-kicker">
        {t.openLetter} <LetterStateTag state={letter.state} language={language} />
      </p>
      <h1 lang={letter.titleLang}>{letter.title}</h1>
      <p className="lead">{t.to(letter.addressee)}</p>

      <div className="panel letter-figures" aria-live="polite">
        <p>
          {count === 0 ? (
            t.noneSigned
          ) : (
            <>
              {t.signedBy} <strong>{figures}</strong>.
            </>
          )}
        </p>
        {goal ? <p>{t.goal(goal, Math.min(100, Math.round((count / goal) * 100)))}</p> : null}
        <p>{statusLine(letter, language, t)}</p>
        {letter.accepting ? (
          viewer?.organisationSigned ? (
            <p className="no-print">
              <strong>{t.yourOrganisationSigned}</strong> ({viewer.organisationSigned}).{" "}
              <Link to={`/letters/${letter.slug}/sign`}>{t.seeOrWithdraw}</Link>
            </p>
          ) : (
            <p className="no-print">
              <Link className="button" to={`/letters/${letter.slug}/sign`}>
                {t.signThisLetter}
              </Link>{" "}
              <span className="letter-figures__note">{t.forLeaders}</span>
            </p>
          )
        ) : null}
      </div>

      <article
        className="letter-body"
        aria-label={t.theLetter}
        lang={letter.bodyLang}
        dangerouslySetInnerHTML={{ __html: letter.bodyHtml }}
      />

      <h2 id="signatories">{t.signatories}</h2>
      {total === 0 ? (
        <p>{t.noSignatures}</p>
      ) : (
        <>
          <nav aria-label={t.orderLabel} className="letter-order no-print">
            <span>{t.showIn}</span>
            {order === "signed" ? (
              <strong aria-current="true">{t.signingOrder}</strong>
            ) : (
              <a href={orderHref("signed")}>{t.signingOrder}</a>
            )}
            {order === "alphabetical" ? (
              <strong aria-current="true">{t.alphabetical}</strong>
            ) : (
              <a href={orderHref("alphabetical")}>{t.alphabetical}</a>
            )}
          </nav>
          <p className="letter-range">
            {t.range((page - 1) * LETTERS_PAGE_SIZE + 1, Math.min(total, page * LETTERS_PAGE_SIZE), total)}
          </p>
          <ol className="signatory-list" start={(page - 1) * LETTERS_PAGE_SIZE + 1}>
            {signatories.map((signatory, index) => (
              <li key={`${signatory.organisation}-${index}`}>
                <span className="signatory-list__name">{signatory.name}</span>
                {signatory.jobTitle ? `, ${signatory.jobTitle}` : ""}
                <br />
                <span className="signatory-list__organisation">{signatory.organisation}</span>
              </li>
            ))}
          </ol>
          <Pagination
            page={page}
            pageCount={Math.ceil(total / LETTERS_PAGE_SIZE)}
            search={order === "alphabetical" ? `order=${order}` : ""}
            label={t.pagesOfSignatories}
            language={language}
          />
        </>
      )}
    </>
  );
}

function statusLine(
  letter: {
    state: string;
    accepting: boolean;
    closesAt: Date | null;
    closedAt: Date | null;
    delivery: { recipient: string; method: keyof typeof deliveryMethodLabels; deliveredOn: string } | null;
  },
  language: Language,
  t: LetterMessages,
): string {
  if (letter.delivery) {
    const recipient =
      language === "en"
        ? `${letter.delivery.recipient} (${deliveryMethodLabels[letter.delivery.method].toLowerCase()})`
        : letter.delivery.recipient;
    return t.delivered(recipient, formatCalendarDateIn(language, letter.delivery.deliveredOn));
  }
  if (letter.state === "closed" && letter.closedAt)
    return t.closedOn(formatDateIn(language, letter.closedAt));
  if (letter.accepting && letter.closesAt)
    return t.openUntil(formatDateTimeIn(language, new Date(letter.closesAt.getTime() - 60_000)));
  if (letter.accepting) return t.open;
  return t.noLongerOpen;
}
