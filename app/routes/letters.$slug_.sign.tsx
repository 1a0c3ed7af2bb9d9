import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  getSigningContext,
  getSigningLinkLetter,
  type SigningContext,
  type Signer,
} from "~/models/letters/signing-context.server.ts";
import { signLetter, withdrawSignature } from "~/models/letters/signing.server.ts";
import { signLetterSchema } from "~/schemas/letters.ts";
import { requireUser } from "~/models/accounts/auth.server.ts";
import { randomToken } from "~/utils/crypto.server.ts";
import { parseForm } from "~/utils/forms.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { pageLanguage } from "~/utils/language.server.ts";
import { LanguageSwitch } from "~/components/language-switch.tsx";
import { SigningPanel } from "~/components/letters/signing-panel.tsx";
import { formatDateIn, formatDateTimeIn, type Language } from "~/utils/i18n.ts";
import { letterMessagesFor, type LetterMessages } from "~/utils/i18n-letters.ts";
import { renderMarkdown } from "~/utils/markdown.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  {
    title: page?.letter ? `Sign: ${page.letter.title} · Mutual Voice` : "Sign an open letter · Mutual Voice",
  },
];

// A personal link's token is in this page's address: it must never leave the site in a Referer
// header, nor sit in a cache. (Not "no-referrer": browsers then send `Origin: null` with the form,
// and the CSRF check rightly refuses it.)
const privateHeaders = { "Referrer-Policy": "same-origin", "Cache-Control": "private, no-store" };
export const headers: HeadersFunction = () => privateHeaders;

/** The personal link's token, or the signed-in person (who is sent to sign in first when there is neither). */
async function signerFor(request: Request, context: LoaderFunctionArgs["context"]): Promise<Signer> {
  const token = new URL(request.url).searchParams.get("token");
  if (token) return { via: "link", token };
  return { via: "session", actor: await requireUser(request, context) };
}

type Notice = { tone: "success" | "error"; text: string };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const url = new URL(request.url);
  const signer = await signerFor(request, context);
  const signing = await getSigningContext(context.db, slug, signer);
  if (!signing) {
    const status = await getSigningLinkLetter(context.db, slug);
    if (!status) throw Refusal.notFound();
    // A spent or mistyped link: say whether the letter itself is still open, and how to sign anyway.
    return data(
      {
        language: await pageLanguage(request, context.env, status.bilingual),
        letter: null,
        slug,
        linkProblem: {
          title: status.title,
          open: status.open,
          closedAt: status.closedAt,
        },
        signing: null,
        formKey: null,
        confirmWithdraw: false,
        done: null,
        links: null,
      },
      { status: 400, headers: privateHeaders },
    );
  }
  const status = !signing.letter.accepting ? 409 : signing.ineligible ? 403 : 200;
  const language = await pageLanguage(request, context.env, signing.letter.bilingual);
  const welshTitle = language === "cy" ? signing.letter.titleCy : null;
  const welshBody = language === "cy" ? signing.letter.bodyMarkdownCy : null;
  return data(
    {
      language,
      bilingual: signing.letter.bilingual,
      letter: {
        title: welshTitle ?? signing.letter.title,
        titleLang: welshTitle ? ("cy" as const) : ("en" as const),
        addressee: signing.letter.addressee,
        closesAt: signing.letter.closesAt,
        bodyHtml: renderMarkdown(welshBody ?? signing.letter.bodyMarkdown).html,
        bodyLang: welshBody ? ("cy" as const) : ("en" as const),
      },
      slug,
      linkProblem: null,
      signing: viewOf(signing),
      // A fresh key per page shown: a form can make at most one signature, so a replay cannot sign again.
      formKey: randomToken().slice(0, 32),
      confirmWithdraw: url.searchParams.get("withdraw") === "confirm",
      done: url.searchParams.get("done"),
      links: pageLinks(url),
    },
    { status, headers: privateHeaders },
  );
}

/** This page with and without the withdrawal question, keeping a personal link's token. */
function pageLinks(url: URL) {
  const here = new URLSearchParams();
  const token = url.searchParams.get("token");
  if (token) here.set("token", token);
  const confirm = new URLSearchParams(here);
  confirm.set("withdraw", "confirm");
  return { here: `${url.pathname}?${here}`, confirmWithdraw: `${url.pathname}?${confirm}` };
}

function viewOf(signing: SigningContext) {
  return {
    accepting: signing.letter.accepting,
    ineligible: signing.ineligible,
    via: signing.via,
    signer: {
      name: signing.signer.name,
      jobTitle: signing.signer.jobTitle,
      organisation: signing.signer.organisation,
    },
    signature: signing.signature
      ? {
          mine: signing.signature.mine,
          name: signing.signature.name,
          jobTitle: signing.signature.jobTitle,
          signedAt: signing.signature.signedAt,
        }
      : null,
  };
}

/** Back to this page, keeping the personal link's token, with what just happened. */
function backHere(request: Request, done: "signed" | "withdrawn") {
  const url = new URL(request.url);
  const next = new URLSearchParams();
  const token = url.searchParams.get("token");
  if (token) next.set("token", token);
  next.set("done", done);
  return redirect(`${url.pathname}?${next}`, { status: 303, headers: privateHeaders });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const slug = params.slug ?? "";
  const signer = await signerFor(request, context);
  const form = parseForm(signLetterSchema, await readForm(request));
  // The page's language is looked up only to refuse: signing itself (the hot path) reads no more.
  const languageNow = async () =>
    pageLanguage(request, context.env, (await getSigningLinkLetter(context.db, slug))?.bilingual ?? false);
  const refuse = async (status: number, say: (t: LetterMessages, language: Language) => string) => {
    const language = await languageNow();
    const text = say(letterMessagesFor(language), language);
    return data({ notice: { tone: "error", text } satisfies Notice }, { status, headers: privateHeaders });
  };
  if (!form.ok)
    return refuse(400, (t) => form.errors.formKey ?? form.errors.intent ?? t.refusals.unrecognised);

  if (form.data.intent === "withdraw") {
    const outcome = await withdrawSignature(context.db, { slug, signer, appUrl: context.appUrl });
    switch (outcome.kind) {
      case "withdrawn":
        context.purgeCachedPage(`/letters/${slug}`);
        return backHere(request, "withdrawn");
      case "not_signed":
        return refuse(409, (t) => t.refusals.notSigned);
      case "not_yours":
        return refuse(403, (t) => t.refusals.notYours);
      case "closed":
        return refuse(409, (t) => t.refusals.closedWithdraw);
      case "invalid_link":
      case "not_found":
        return refuse(400, (t) => t.refusals.invalidLink);
    }
  }

  const outcome = await signLetter(context.db, {
    slug,
    signer,
    formKey: form.data.formKey,
    ip: context.clientIp,
    appUrl: context.appUrl,
  });
  switch (outcome.kind) {
    case "signed":
      context.purgeCachedPage(`/letters/${slug}`);
      return backHere(request, "signed");
    case "already_signed":
      return backHere(request, "signed");
    case "organisation_signed":
      return refuse(409, (t, language) =>
        t.organisationSigned(outcome.name, formatDateTimeIn(language, outcome.signedAt)),
      );
    case "rate_limited":
      return refuse(429, (t) => t.refusals.rateLimited);
    case "stale_form":
      return refuse(409, (t) => t.refusals.staleForm);
    case "closed":
      return refuse(409, (t) => t.refusals.closed);
    case "ineligible":
      return refuse(403, (t) => t.refusals.ineligible);
    case "invalid_link":
    case "not_found":
      return refuse(400, (t) => t.refusals.invalidLink);
  }
}

export default function SignLetter() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const language = page.language;
  const t = letterMessagesFor(language);
  const notice: Notice | null =
    actionData?.notice ??
    (page.done === "signed"
      ? { tone: "success", text: t.signedNotice }
      : page.done === "withdrawn"
        ? { tone: "success", text: t.withdrawnNotice }
        : null);
  const publicPage = `/letters/${page.slug}`;

  if (page.linkProblem) {
    return (
      <div className="narrow" lang={language}>
        <h1>{t.linkProblemTitle}</h1>
        <p>{t.linkProblemWhy(page.linkProblem.title)}</p>
        {page.linkProblem.open ? (
          <p>
            {t.stillOpen}{" "}
            <Link to={`/login?redirectTo=${encodeURIComponent(`/letters/${page.slug}/sign`)}`}>
              {t.signInToSign}
            </Link>
            .
          </p>
        ) : (
          <p>
            {t.letterClosed(
              page.linkProblem.closedAt ? formatDateIn(language, page.linkProblem.closedAt) : null,
            )}
          </p>
        )}
        <p>
          <Link to={publicPage}>{t.readTheLetter}</Link>
        </p>
      </div>
    );
  }

  const { letter, signing } = page;
  if (!letter || !signing) return null;
  return (
    <div className="narrow" lang={language}>
      {notice ? (
        <div
          className={`panel ${notice.tone === "error" ? "panel--error" : "panel--success"}`}
          role={notice.tone === "error" ? "alert" : "status"}
        >
          <p>{notice.text}</p>
        </div>
      ) : null}
      {page.bilingual ? <LanguageSwitch language={language} /> : null}
      <p className="letter-kicker">{t.openLetterTo(letter.addressee)}</p>
      <h1 lang={letter.titleLang}>{letter.title}</h1>
      <details className="details letter-sign__text" open={!signing.signature}>
        <summary>{t.textYouSign}</summary>
        <article
          className="details__body letter-body"
          aria-label={t.theLetter}
          lang={letter.bodyLang}
          dangerouslySetInnerHTML={{ __html: letter.bodyHtml }}
        />
      </details>
      <p>
        <Link to={publicPage}>{t.seeWhoSigned}</Link>
      </p>
      <SigningPanel
        signing={signing}
        language={language}
        formKey={page.formKey}
        confirmWithdraw={page.confirmWithdraw}
        links={page.links}
        submitting={submitting}
      />
    </div>
  );
}
