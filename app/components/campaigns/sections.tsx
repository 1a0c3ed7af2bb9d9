import { Link } from "@remix-run/react";
import { OutcomeList } from "./outcome-list.tsx";
import type { ReactNode } from "react";
import { DaysLeft } from "~/components/consultations/days-left.tsx";
import { IntentButton } from "~/components/intent-forms.tsx";
import { TableScroll } from "~/components/table-scroll.tsx";
import { type CampaignLinkKind, type CampaignTarget } from "~/schemas/campaign-labels.ts";
import { governmentLabels, governments, type Government } from "~/schemas/governments-labels.ts";
import { daysLeft } from "~/utils/days-left.ts";
import { formatCount, formatDate, formatDateTime } from "~/utils/format.ts";
import type { CampaignPage as CampaignPageView } from "~/models/campaigns/page.server.ts";

/** The campaign targets that are governments a position can be read for (councils and regulators are not). */
const governmentOf: Partial<Record<CampaignTarget, Government>> = {
  uk_government: "uk_government",
  scottish_government: "scottish_government",
  welsh_government: "welsh_government",
  northern_ireland_executive: "northern_ireland_executive",
};

const label = (value: string) => value.replace(/_/g, " ").replace(/^./, (first) => first.toUpperCase());
const governmentLabel = (value: string) => {
  const government = governments.find((known) => known === value);
  return government ? governmentLabels[government] : value;
};

function Section({
  title,
  empty,
  count,
  children,
}: {
  title: string;
  empty: string;
  count: number;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`section-${title.replace(/\W+/g, "-").toLowerCase()}`}>
      <h2 id={`section-${title.replace(/\W+/g, "-").toLowerCase()}`}>
        {title} <span className="field__hint">({count})</span>
      </h2>
      {count === 0 ? <p>{empty}</p> : children}
    </section>
  );
}

function Unlink({ kind, id, title }: { kind: CampaignLinkKind; id: number; title: string }) {
  return (
    <IntentButton
      intent="unlink"
      fields={{ kind, itemId: id }}
      className="button button--secondary button--small"
    >
      Unlink<span className="visually-hidden"> {title}</span>
    </IntentButton>
  );
}

/** The staff campaign page below its header: one section per kind of item, then outcomes and the timeline. */
export function CampaignSections({ page }: { page: CampaignPageView }) {
  const governments = page.campaign.targets.flatMap((target) => governmentOf[target] ?? []);
  return (
    <>
      {page.radar.length ? (
        <section aria-labelledby="radar-matches" className="panel">
          <h2 id="radar-matches">New on the radar for this campaign</h2>
          <p>These open consultations match the campaign&apos;s topics and nobody has triaged them yet.</p>
          <ul className="card-list">
            {page.radar.map((match) => (
              <li key={match.id} className="card">
                <Link to={`/consultations/${match.id}`}>{match.title}</Link>
                <p className="card__text">
                  {match.body}.{" "}
                  <DaysLeft closesOn={match.closesOn} daysLeft={daysLeft(match.closesOn, page.today)} />{" "}
                  Matched: {match.keywords.join(", ")}
                </p>
                <IntentButton intent="adopt" fields={{ consultationId: match.id }}>
                  Adopt into this campaign<span className="visually-hidden">: {match.title}</span>
                </IntentButton>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <Section title="Outcomes" count={page.outcomes.length} empty="No outcomes recorded yet.">
        <OutcomeList outcomes={page.outcomes} />
      </Section>

      <Section title="Positions" count={page.positions.length} empty="No positions linked yet.">
        <TableScroll label="Positions by government">
          <table className="table">
            <caption className="visually-hidden">Positions, and what each government reads</caption>
            <thead>
              <tr>
                <th scope="col">Position</th>
                <th scope="col">State</th>
                {governments.map((government) => (
                  <th key={government} scope="col">
                    {governmentLabels[government]}
                  </th>
                ))}
                <th scope="col">
                  <span className="visually-hidden">Unlink</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {page.positions.map((position) => (
                <tr key={position.id}>
                  <td>
                    <Link to={`/positions/${position.slug}`}>{position.title}</Link>
                  </td>
                  <td>
                    {label(position.state)}
                    {position.publishedAt ? `, ${formatDateTime(position.publishedAt)}` : ""}
                  </td>
                  {governments.map((government) => (
                    <td key={government}>
                      <Link to={`/positions/${position.slug}/variants?a=${government}&b=${government}`}>
                        Read
                        <span className="visually-hidden">
                          {" "}
                          {position.title} for {governmentLabels[government]}
                        </span>
                      </Link>
                    </td>
                  ))}
                  <td>
                    <Unlink kind="position" id={position.id} title={position.title} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Section>

      <Section title="Surveys" count={page.surveys.length} empty="No surveys linked yet.">
        <TableScroll label="Surveys and response rates">
          <table className="table">
            <caption className="visually-hidden">Surveys and their response rates</caption>
            <thead>
              <tr>
                <th scope="col">Survey</th>
                <th scope="col">State</th>
                <th scope="col">Response rate</th>
                <th scope="col">
                  <span className="visually-hidden">Unlink</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {page.surveys.map((survey) => (
                <tr key={survey.id}>
                  <td>
                    <Link to={`/surveys/${survey.id}`}>{survey.title}</Link>
                  </td>
                  <td>{label(survey.state)}</td>
                  <td>
                    {formatCount(survey.responded)} of {formatCount(survey.invited)}{" "}
                    {survey.mode === "organisation" ? "organisations" : "people"}
                    {survey.invited ? ` (${Math.round((100 * survey.responded) / survey.invited)}%)` : ""}
                  </td>
                  <td>
                    <Unlink kind="survey" id={survey.id} title={survey.title} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Section>

      <Section title="Evidence" count={page.evidence.length} empty="No evidence linked yet.">
        <p className="field__hint">
          Figures from surveys are worked out live, with disclosure control: a figure resting on too few
          responses is withheld.
        </p>
        <ul className="evidence-list">
          {page.evidence.map((item) => (
            <li key={item.id}>
              <Link to={`/evidence/${item.id}`}>{item.label}</Link>: {item.text}
              {item.problem ? (
                <span className="status status--warning"> {label(item.problem)}</span>
              ) : null}{" "}
              <Unlink kind="evidence" id={item.id} title={item.label} />
            </li>
          ))}
        </ul>
      </Section>

      <Section
        title="Consultations"
        count={page.consultations.length}
        empty="No adopted consultations linked yet."
      >
        <ul className="card-list">
          {page.consultations.map((consultation) => (
            <li key={consultation.id} className="card">
              <Link to={`/consultations/${consultation.id}`}>{consultation.title}</Link>
              <p className="card__text">
                {consultation.body}.{" "}
                <DaysLeft
                  closesOn={consultation.closesOn}
                  daysLeft={daysLeft(consultation.closesOn, page.today)}
                />
              </p>
              <Unlink kind="consultation" id={consultation.id} title={consultation.title} />
            </li>
          ))}
        </ul>
      </Section>

      <Section
        title="Consultation responses"
        count={page.submissions.length}
        empty="No responses linked yet."
      >
        <TableScroll label="Consultation responses">
          <table className="table">
            <caption className="visually-hidden">Consultation responses, their state and outcome</caption>
            <thead>
              <tr>
                <th scope="col">Response</th>
                <th scope="col">State</th>
                <th scope="col">Internal deadline</th>
                <th scope="col">Outcome</th>
                <th scope="col">
                  <span className="visually-hidden">Unlink</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {page.submissions.map((submission) => (
                <tr key={submission.id}>
                  <td>
                    <Link to={`/submissions/${submission.id}`}>{submission.title}</Link>
                    <br />
                    <span className="field__hint">To {governmentLabel(submission.government)}</span>
                  </td>
                  <td>{label(submission.state)}</td>
                  <td>{formatDate(submission.internalDeadline)}</td>
                  <td>{submission.outcome ?? "None yet"}</td>
                  <td>
                    <Unlink kind="submission" id={submission.id} title={submission.title} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Section>

      <Section title="Open letters" count={page.letters.length} empty="No letters linked yet.">
        <TableScroll label="Open letters">
          <table className="table">
            <caption className="visually-hidden">Open letters and their signatures</caption>
            <thead>
              <tr>
                <th scope="col">Letter</th>
                <th scope="col">State</th>
                <th scope="col">Signatures</th>
                <th scope="col">
                  <span className="visually-hidden">Unlink</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {page.letters.map((letter) => (
                <tr key={letter.id}>
                  <td>
                    <Link to={`/manage/letters/${letter.id}`}>{letter.title}</Link>
                    <br />
                    <span className="field__hint">To {letter.addressee}</span>
                  </td>
                  <td>{label(letter.state)}</td>
                  <td>{formatCount(letter.signatures)}</td>
                  <td>
                    <Unlink kind="letter" id={letter.id} title={letter.title} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Section>

      <Section title="Timeline" count={page.timeline.length} empty="Nothing has happened yet.">
        <ol className="timeline">
          {page.timeline.map((entry, index) => (
            <li key={index}>
              <span className="field__hint">{formatDateTime(entry.at)}</span> <strong>{entry.event}</strong>:{" "}
              {entry.title}
              {entry.detail ? ` (${entry.detail})` : ""}
            </li>
          ))}
        </ol>
      </Section>
    </>
  );
}
