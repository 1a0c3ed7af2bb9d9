import { Link } from "@remix-run/react";
import type { EvidenceUse } from "~/models/evidence/uses.server.ts";
import { formatDateIn, type Language } from "~/utils/i18n.ts";
import { homeMessagesFor } from "~/utils/i18n-home.ts";

/** Where an organisation's evidence and signatures went: the loop closed for members. */
export function EvidenceUses({
  uses,
  more,
  page = false,
  language = "en",
}: {
  uses: EvidenceUse[];
  more: boolean;
  page?: boolean;
  language?: Language;
}) {
  const Heading = page ? "h1" : "h2";
  const t = homeMessagesFor(language);
  return (
    <section aria-labelledby="uses-heading">
      <Heading id="uses-heading">{t.evidenceUsed}</Heading>
      {page ? <p className="lead">{t.evidenceUsedLead}</p> : null}
      {uses.length === 0 ? (
        <p>{t.nothingUsed}</p>
      ) : (
        <ul className="queue-list">
          {uses.map((use, index) => (
            <li key={index}>
              {t.useKinds[use.kind]}:{" "}
              {use.publicPath ? <Link to={use.publicPath}>{use.title}</Link> : use.title}
              {use.to ? t.useTo(use.to) : ""}
              {use.on ? t.useOn(use.kind, formatDateIn(language, use.on)) : ""}.
              {use.outcome ? t.outcome(use.outcome) : ""}
            </li>
          ))}
        </ul>
      )}
      {more ? (
        <p>
          <Link to="/organisation/evidence">{t.everywhereUsed}</Link>
        </p>
      ) : null}
    </section>
  );
}
