import { Link } from "@remix-run/react";
import type { EvidenceUse } from "~/models/evidence/uses.server.ts";
import { formatLongDate } from "~/utils/letter-format.ts";

const kindLabels: Record<EvidenceUse["kind"], string> = {
  position: "Policy position",
  submission: "Consultation response",
  letter: "Open letter you signed",
};

const verbs: Record<EvidenceUse["kind"], string> = {
  position: "published",
  submission: "sent",
  letter: "delivered",
};

/** Where an organisation's evidence and signatures went: the loop closed for members. */
export function EvidenceUses({
  uses,
  more,
  page = false,
}: {
  uses: EvidenceUse[];
  more: boolean;
  page?: boolean;
}) {
  const Heading = page ? "h1" : "h2";
  return (
    <section aria-labelledby="uses-heading">
      <Heading id="uses-heading">Where your evidence was used</Heading>
      {page ? (
        <p className="lead">
          Every position, consultation response and open letter that used your organisation&apos;s survey
          answers or its signature. We never say which answers were yours.
        </p>
      ) : null}
      {uses.length === 0 ? (
        <p>
          Nothing yet. When a position, a consultation response or an open letter uses your survey answers or
          your signature, it will be listed here.
        </p>
      ) : (
        <ul className="queue-list">
          {uses.map((use, index) => (
            <li key={index}>
              {kindLabels[use.kind]}:{" "}
              {use.publicPath ? <Link to={use.publicPath}>{use.title}</Link> : use.title}
              {use.to ? `, to ${use.to}` : ""}
              {use.on ? `, ${verbs[use.kind]} on ${formatLongDate(use.on)}` : ""}.
              {use.outcome ? ` Outcome: ${use.outcome}` : ""}
            </li>
          ))}
        </ul>
      )}
      {more ? (
        <p>
          <Link to="/organisation/evidence">Everywhere your evidence was used</Link>
        </p>
      ) : null}
    </section>
  );
}
