import { Form, Link } from "@remix-run/react";
import type { Language } from "~/utils/i18n.ts";
import { formatDateTimeIn } from "~/utils/i18n.ts";
import { letterMessagesFor } from "~/utils/i18n-letters.ts";

export interface SigningView {
  accepting: boolean;
  ineligible: "not_leader" | "not_member_organisation" | "inactive" | null;
  signer: { name: string; jobTitle: string | null; organisation: string | null };
  signature: { mine: boolean; name: string; jobTitle: string | null; signedAt: Date } | null;
}

/**
 * What the signing page offers the person looking: sign, see or withdraw their signature, or why
 * they cannot; in the letter's language for them.
 */
export function SigningPanel({
  signing,
  language,
  formKey,
  confirmWithdraw,
  links,
  submitting,
}: {
  signing: SigningView;
  language: Language;
  formKey: string | null;
  confirmWithdraw: boolean;
  links: { here: string; confirmWithdraw: string } | null;
  submitting: boolean;
}) {
  const t = letterMessagesFor(language);
  const organisation = signing.signer.organisation ?? t.yourOrganisation;
  if (signing.signature?.mine) {
    return (
      <>
        <h2>{t.youHaveSigned}</h2>
        <p>{t.youSignedFor(organisation, formatDateTimeIn(language, signing.signature.signedAt))}</p>
        {signing.accepting ? (
          confirmWithdraw ? (
            <Form method="post" className="panel panel--warning">
              <h3>{t.withdrawQuestion}</h3>
              <p>{t.withdrawWarning(organisation)}</p>
              <input type="hidden" name="intent" value="withdraw" />
              <input type="hidden" name="formKey" value={formKey ?? ""} />
              <button type="submit" className="button button--danger" disabled={submitting}>
                {t.yesWithdraw}
              </button>{" "}
              <Link to={links?.here ?? "?"} className="button button--secondary">
                {t.cancel}
              </Link>
            </Form>
          ) : (
            <p>
              <Link to={links?.confirmWithdraw ?? "?withdraw=confirm"}>{t.withdrawYourSignature}</Link>{" "}
              {t.untilCloses}
            </p>
          )
        ) : (
          <p>{t.closedStands}</p>
        )}
      </>
    );
  }
  if (!signing.accepting) {
    return (
      <>
        <h2>{t.signaturesClosed}</h2>
        <p>{t.noLongerAccepts}</p>
      </>
    );
  }
  if (signing.signature) {
    const who = `${signing.signature.name}${signing.signature.jobTitle ? `, ${signing.signature.jobTitle},` : ""}`;
    return (
      <>
        <h2>{t.alreadySignedTitle}</h2>
        <p>{t.alreadySignedBy(who, organisation, formatDateTimeIn(language, signing.signature.signedAt))}</p>
      </>
    );
  }
  if (signing.ineligible) {
    return (
      <>
        <h2>{t.cannotSign}</h2>
        <p>{t.ineligible[signing.ineligible]}</p>
      </>
    );
  }
  return (
    <>
      <h2>{t.checkThenSign}</h2>
      <p>{t.shownLikeThis}</p>
      <dl className="summary-list">
        <div>
          <dt>{t.name}</dt>
          <dd>{signing.signer.name}</dd>
        </div>
        <div>
          <dt>{t.jobTitle}</dt>
          <dd>{signing.signer.jobTitle ?? t.notRecorded}</dd>
        </div>
        <div>
          <dt>{t.organisation}</dt>
          <dd>{organisation}</dd>
        </div>
      </dl>
      <p className="field__hint">{t.tellPolicyTeam}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="sign" />
        <input type="hidden" name="formKey" value={formKey ?? ""} />
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? t.signing : t.sign}
        </button>
      </Form>
    </>
  );
}
