import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
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
import { formatLongDate, formatLongDateTime } from "~/utils/letter-format.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { readForm } from "~/utils/form-body.server.ts";
import { pageLanguage } from "~/utils/language.server.ts";
import { LanguageSwitch } from "~/components/language-switch.tsx";
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
        letter: null,
        slug,
        linkProblem: {
          title: status.title,
          open: status.open,
          closedOn: status.closedAt ? formatLongDate(status.closedAt) : null,
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
  const refuse = (status: number, text: string) =>
    data({ notice: { tone: "error", text } satisfies Notice }, { status, headers: privateHeaders });
  if (!form.ok)
    return refuse(400, form.errors.formKey ?? form.errors.intent ?? "That action is not recognised.");

  if (form.data.intent === "withdraw") {
    const outcome = await withdrawSignature(context.db, { slug, signer, appUrl: context.appUrl });
    switch (outcome.kind) {
      case "withdrawn":
        context.purgeCachedPage(`/letters/${slug}`);
        return backHere(request, "withdrawn");
      case "not_signed":
        return refuse(409, "There is no signature of yours to withdraw.");
      case "not_yours":
        return refuse(403, "Only the person who signed can withdraw the signature.");
      case "closed":
        return refuse(409, "The letter has closed: signatures can no longer be withdrawn.");
      case "invalid_link":
      case "not_found":
        return refuse(400, "This signing link is not valid or has expired.");
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
      return refuse(
        409,
        `${outcome.name} already signed for your organisation on ${formatLongDateTime(outcome.signedAt)}. Each organisation signs once.`,
      );
    case "rate_limited":
      return refuse(
        429,
        "There have been too many signing attempts from your network or account. Wait a few minutes and try again.",
      );
    case "stale_form":
      return refuse(409, "This form was already used. Reload the page to sign again.");
    case "closed":
      return refuse(409, "The letter has closed: it no longer accepts signatures.");
    case "ineligible":
      return refuse(403, "Only a leader of a member organisation can sign this letter.");
    case "invalid_link":
    case "not_found":
      return refuse(400, "This signing link is not valid or has expired.");
  }
}

export default function SignLetter() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const notice: Notice | null =
    actionData?.notice ??
    (page.done === "signed"
      ? { tone: "success", text: "Thank you: your signature counts now. We have emailed you a confirmation." }
      : page.done === "withdrawn"
        ? {
            tone: "success",
            text: "Your organisation's signature has been withdrawn. We have emailed you to confirm.",
          }
        : null);
  const publicPage = `/letters/${page.slug}`;

  if (page.linkProblem) {
    return (
      <div className="narrow">
        <h1>This signing link is not valid or has expired</h1>
        <p>
          Personal links work only for the letter they came with, and only until it closes. This one was for “
          {page.linkProblem.title}”.
        </p>
        {page.linkProblem.open ? (
          <p>
            The letter is still open. If you lead a member organisation, you can{" "}
            <Link to={`/login?redirectTo=${encodeURIComponent(`/letters/${page.slug}/sign`)}`}>
              sign in to sign it
            </Link>
            .
          </p>
        ) : (
          <p>The letter has closed{page.linkProblem.closedOn ? ` (on ${page.linkProblem.closedOn})` : ""}.</p>
        )}
        <p>
          <Link to={publicPage}>Read the letter</Link>
        </p>
      </div>
    );
  }

  const { letter, signing } = page;
  if (!letter || !signing) return null;
  return (
    <div className="narrow">
      {notice ? (
        <div
          className={`panel ${notice.tone === "error" ? "panel--error" : "panel--success"}`}
          role={notice.tone === "error" ? "alert" : "status"}
        >
          <p>{notice.text}</p>
        </div>
      ) : null}
      {page.bilingual && page.language ? <LanguageSwitch language={page.language} /> : null}
      <p className="letter-kicker">Open letter to {letter.addressee}</p>
      <h1 lang={letter.titleLang}>{letter.title}</h1>
      <details className="details letter-sign__text" open={!signing.signature}>
        <summary>The text you are signing</summary>
        <article
          className="details__body letter-body"
          aria-label="The letter"
          lang={letter.bodyLang}
          dangerouslySetInnerHTML={{ __html: letter.bodyHtml }}
        />
      </details>
      <p>
        <Link to={publicPage}>See who has signed</Link>
      </p>
      <SigningPanel page={page} signing={signing} submitting={submitting} />
    </div>
  );
}

function SigningPanel({
  page,
  signing,
  submitting,
}: {
  page: ReturnType<typeof useLoaderData<typeof loader>>;
  signing: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["signing"]>;
  submitting: boolean;
}) {
  const organisation = signing.signer.organisation ?? "your organisation";
  if (signing.signature?.mine) {
    return (
      <>
        <h2>You have signed</h2>
        <p>
          You signed for <strong>{organisation}</strong> on {formatLongDateTime(signing.signature.signedAt)}.
        </p>
        {signing.accepting ? (
          page.confirmWithdraw ? (
            <Form method="post" className="panel panel--warning">
              <h3>Withdraw your organisation&apos;s signature?</h3>
              <p>
                {organisation} will no longer be listed on the letter. You can sign again while it is open.
              </p>
              <input type="hidden" name="intent" value="withdraw" />
              <input type="hidden" name="formKey" value={page.formKey ?? ""} />
              <button type="submit" className="button button--danger" disabled={submitting}>
                Yes, withdraw the signature
              </button>{" "}
              <Link to={page.links?.here ?? "?"} className="button button--secondary">
                Cancel
              </Link>
            </Form>
          ) : (
            <p>
              <Link to={page.links?.confirmWithdraw ?? "?withdraw=confirm"}>Withdraw your signature</Link>{" "}
              (possible until the letter closes)
            </p>
          )
        ) : (
          <p>The letter has closed, so the signature stands.</p>
        )}
      </>
    );
  }
  if (!signing.accepting) {
    return (
      <>
        <h2>Signatures are closed</h2>
        <p>This letter no longer accepts signatures.</p>
      </>
    );
  }
  if (signing.signature) {
    return (
      <>
        <h2>Your organisation has already signed</h2>
        <p>
          <strong>{signing.signature.name}</strong>
          {signing.signature.jobTitle ? `, ${signing.signature.jobTitle},` : ""} signed for {organisation} on{" "}
          {formatLongDateTime(signing.signature.signedAt)}. Each organisation signs once, so there is nothing
          more to do.
        </p>
      </>
    );
  }
  if (signing.ineligible) {
    return (
      <>
        <h2>You cannot sign this letter</h2>
        <p>{ineligibleText[signing.ineligible]}</p>
      </>
    );
  }
  return (
    <>
      <h2>Check your details, then sign</h2>
      <p>Your signature adds your organisation&apos;s name to the letter, shown publicly like this:</p>
      <dl className="summary-list">
        <div>
          <dt>Name</dt>
          <dd>{signing.signer.name}</dd>
        </div>
        <div>
          <dt>Job title</dt>
          <dd>{signing.signer.jobTitle ?? "Not recorded"}</dd>
        </div>
        <div>
          <dt>Organisation</dt>
          <dd>{organisation}</dd>
        </div>
      </dl>
      <p className="field__hint">If something is wrong, tell the policy team before signing.</p>
      <Form method="post">
        <input type="hidden" name="intent" value="sign" />
        <input type="hidden" name="formKey" value={page.formKey ?? ""} />
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? "Signing…" : "Sign"}
        </button>
      </Form>
    </>
  );
}

const ineligibleText = {
  not_leader:
    "Open letters are signed by the leader of each member organisation. Your account is not a leader's: ask your chief executive, or the policy team if this is wrong.",
  not_member_organisation:
    "Only organisations with an active membership can sign. Contact the membership team if your membership should be active.",
  inactive: "Your account is no longer active.",
} as const;
