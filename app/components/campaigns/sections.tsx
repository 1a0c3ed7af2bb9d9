import { Link } from "@remix-run/react";
import { OutcomeList } from "./outcome-list.tsx";
import type { ReactNode } from "react";
import { DaysLeft } from "~/components/consultations/days-left.tsx";
import { IntentButton } from "~/components/intent-forms.tsx";
import { TableScroll } from "~/components/table-scroll.tsx";
import { type CampaignLinkKind, type CampaignTarget } from "~/schemas/campaign-labels.ts";
import { governmentLabels, governmentSchema, type Government } from "~/schemas/governments.ts";
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
  const parsed = governmentSchema.safeParse(value);
  return parsed.success ? governmentLabels[parsed.data] : value;
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

/** Unlinking asks first: the link opens this page's confirmation, which works without JavaScript. */
function Unlink({ kind, id, title }: { kind: CampaignLinkKind; id: number; title: string }) {
  return (
    <Link
      className="button button--secondary button--small"
      to={`?unlink=${kind}&item=${id}#confirm-heading`}
      preventScrollReset
    >
      Unlink<span className="visually-hidden"> {title}</span>
    </Link>
  );
}

function TitleWithHint({ to, title, hint }: { to: string; title: string; hint: string }) {
  return (
    <>
      <Link to={to}>{title}</Link>
      <br />
      <span className="field__hint">{hint}</span>
    </>
  );
}

interface LinkedRow {
  kind: CampaignLinkKind;
  id: number;
  title: string;
  /** The row's cells, in the order of `columns`; the unlink cell is added at the end. */
  cells: ReactNode[];
}

/** One kind of linked item as a table: its columns, then a last column to unlink each row. */
function LinkedTable({
  label,
  caption,
  columns,
  rows,
}: {
  label: string;
  caption: string;
  columns: ReactNode[];
  rows: LinkedRow[];
}) {
  return (
    <TableScroll label={label}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col">
                {column}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Unlink</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              {row.cells.map((cell, index) => (
                <td key={index}>{cell}</td>
              ))}
              <td>
                <Unlink kind={row.kind} id={row.id} title={row.title} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
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
        <LinkedTable
          label="Positions by government"
          caption="Positions, and what each government reads"
          columns={["Position", "State", ...governments.map((government) => governmentLabels[government])]}
          rows={page.positions.map((position) => ({
            kind: "position",
            id: position.id,
            title: position.title,
            cells: [
              <Link key="title" to={`/positions/${position.slug}`}>
                {position.title}
              </Link>,
              `${label(position.state)}${position.publishedAt ? `, ${formatDateTime(position.publishedAt)}` : ""}`,
              ...governments.map((government) => (
                <Link
                  key={government}
                  to={`/positions/${position.slug}/variants?a=${government}&b=${government}`}
                >
                  Read
                  <span className="visually-hidden">
                    {" "}
                    {position.title} for {governmentLabels[government]}
                  </span>
                </Link>
              )),
            ],
          }))}
        />
      </Section>

      <Section title="Surveys" count={page.surveys.length} empty="No surveys linked yet.">
        <LinkedTable
          label="Surveys and response rates"
          caption="Surveys and their response rates"
          columns={["Survey", "State", "Response rate"]}
          rows={page.surveys.map((survey) => ({
            kind: "survey",
            id: survey.id,
            title: survey.title,
            cells: [
              <Link key="title" to={`/surveys/${survey.id}`}>
                {survey.title}
              </Link>,
              label(survey.state),
              `${formatCount(survey.responded)} of ${formatCount(survey.invited)} ${
                survey.mode === "organisation" ? "organisations" : "people"
              }${survey.invited ? ` (${Math.round((100 * survey.responded) / survey.invited)}%)` : ""}`,
            ],
          }))}
        />
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
        <LinkedTable
          label="Consultation responses"
          caption="Consultation responses, their state and outcome"
          columns={["Response", "State", "Internal deadline", "Outcome"]}
          rows={page.submissions.map((submission) => ({
            kind: "submission",
            id: submission.id,
            title: submission.title,
            cells: [
              <TitleWithHint
                key="title"
                to={`/submissions/${submission.id}`}
                title={submission.title}
                hint={`To ${governmentLabel(submission.government)}`}
              />,
              label(submission.state),
              formatDate(submission.internalDeadline),
              submission.outcome ?? "None yet",
            ],
          }))}
        />
      </Section>

      <Section title="Open letters" count={page.letters.length} empty="No letters linked yet.">
        <LinkedTable
          label="Open letters"
          caption="Open letters and their signatures"
          columns={["Letter", "State", "Signatures"]}
          rows={page.letters.map((letter) => ({
            kind: "letter",
            id: letter.id,
            title: letter.title,
            cells: [
              <TitleWithHint
                key="title"
                to={`/manage/letters/${letter.id}`}
                title={letter.title}
                hint={`To ${letter.addressee}`}
              />,
              label(letter.state),
              formatCount(letter.signatures),
            ],
          }))}
        />
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
