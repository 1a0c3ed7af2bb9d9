import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ContributedCampaigns } from "~/components/homes/contributed-campaigns.tsx";
import { EvidenceUses } from "~/components/homes/evidence-uses.tsx";
import { listContributedCampaigns } from "~/models/campaigns/members.server.ts";
import { MemberAsks } from "~/components/homes/member-asks.tsx";
import { listEvidenceUses } from "~/models/evidence/uses.server.ts";
import { StaffQueueView } from "~/components/homes/staff-queue.tsx";
import { recordHomeVisit } from "~/models/accounts/home-visits.server.ts";
import { isStaff, type Actor } from "~/models/accounts/people.server.ts";
import { listFailedSyncs, listNewRelevantConsultations } from "~/models/consultations/queue.server.ts";
import { listOpenLetterCounts } from "~/models/letters/queue.server.ts";
import { listQueuedPositions } from "~/models/positions/queue.server.ts";
import { listQueuedSubmissions } from "~/models/submissions/queue.server.ts";
import { listOpenSurveyRates } from "~/models/surveys/queue.server.ts";
import type { Db } from "~/utils/db.server.ts";
import { listLettersToSign } from "~/models/letters/asks.server.ts";
import { listAskedSurveys } from "~/models/surveys/members.server.ts";
import { roleLabels } from "~/schemas/roles.ts";
import { getUser } from "~/models/accounts/auth.server.ts";
import { navFor } from "~/utils/navigation.ts";
import { LanguageSwitch } from "~/components/language-switch.tsx";
import { furnitureFor } from "~/utils/i18n-furniture.ts";
import { homeMessagesFor } from "~/utils/i18n-home.ts";
import { chosenLanguage } from "~/utils/language.server.ts";

export const meta: MetaFunction = () => [{ title: "Mutual Voice" }];

/** One line under each area on the home page, so a newcomer knows where to go; keyed by the nav link. */
const areaDescriptions: Record<string, string> = {
  "/organisation": "Check the details the network holds about your organisation and its people.",
  "/directory": "Every member organisation and the people at it.",
  "/network": "Headline figures about the network, ready to quote.",
  "/imports": "Bring in members from a spreadsheet.",
  "/surveys": "Ask members for evidence, and see what they told us.",
  "/evidence": "Figures, case studies and research that back our positions.",
  "/positions": "What the network says to government, and the evidence behind it.",
  "/consultations": "Government consultations that matter to members: adopt or dismiss them.",
  "/submissions": "Our answers to consultations, from first draft to what was sent.",
  "/manage/letters": "Draft open letters and gather signatures from member leaders.",
  "/campaigns": "Each ask of government, with everything that presses it and what it has won.",
  "/letters": "Open letters your organisation can sign.",
  "/account": "Your details, your second factor, and where you are signed in.",
  "/admin/outbox": "Emails waiting to go out, and any that failed.",
  "/admin/audit": "Who changed what, and when: filter it and download it.",
  "/admin/security": "Second factors for staff: require them, and reset a lost one.",
};

/** Where an area means something different to a member than to staff. */
const memberAreaDescriptions: Record<string, string> = {
  "/surveys": "Surveys the network has asked your organisation to answer.",
};

/** How many uses of the organisation's evidence the home shows; the rest are a page of their own. */
const HOME_USES = 5;

async function memberHome(db: Db, user: Actor) {
  const [surveys, letters, uses, campaigns] = await Promise.all([
    listAskedSurveys(db, user),
    listLettersToSign(db, user),
    listEvidenceUses(db, user, HOME_USES + 1),
    listContributedCampaigns(db, user),
  ]);
  return {
    asks: { surveys, letters, leader: user.isLeader },
    campaigns,
    uses: { uses: uses.slice(0, HOME_USES), more: uses.length > HOME_USES },
  };
}

async function staffQueue(db: Db, user: Actor) {
  const lastVisit = await recordHomeVisit(db, user);
  const [positions, submissions, consultations, surveys, letters, failedSyncs] = await Promise.all([
    listQueuedPositions(db, user),
    listQueuedSubmissions(db, user),
    listNewRelevantConsultations(db, user, lastVisit),
    listOpenSurveyRates(db, user),
    listOpenLetterCounts(db, user),
    listFailedSyncs(db, user),
  ]);
  return { positions, submissions, consultations, surveys, letters, failedSyncs, lastVisit };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  // A member's home starts with what is asked of them; staff homes (below) with their work queue.
  const home = user?.role === "member" ? await memberHome(context.db, user) : null;
  const queue = user && isStaff(user) ? await staffQueue(context.db, user) : null;
  return {
    // A member's home follows the language they chose (on a survey or letter); staff homes are English.
    language: user?.role === "member" ? await chosenLanguage(request, context.env) : ("en" as const),
    user: user && { name: user.name, role: user.role, isLeader: user.isLeader },
    asks: home?.asks ?? null,
    uses: home?.uses ?? null,
    campaigns: home?.campaigns ?? null,
    queue,
  };
}

export default function Home() {
  const { user, asks, uses, campaigns, queue, language } = useLoaderData<typeof loader>();
  if (!user) {
    return (
      <>
        <h1>Mutual Voice</h1>
        <p className="lead">
          The advocacy desk of the Public Service Mutuals Network: we turn our members&apos; experience into
          evidence, and evidence into influence with government in Westminster, Edinburgh, Cardiff, Belfast
          and town halls.
        </p>
        <p>
          Policy staff draft positions and compile consultation responses; member organisations give evidence;
          member leaders sign open letters for their organisations.
        </p>
        <p>
          <Link className="button" to="/login">
            Sign in
          </Link>
        </p>
      </>
    );
  }
  const areas = navFor(user.role).filter((item) => item.to !== "/");
  if (user.role === "member") {
    const t = homeMessagesFor(language);
    const f = furnitureFor(language);
    return (
      <div lang={language}>
        <LanguageSwitch language={language} />
        <h1>{t.welcome(user.name)}</h1>
        <p className="lead">{t.signedInAs(user.isLeader)}</p>
        {asks ? <MemberAsks {...asks} language={language} /> : null}
        {uses ? <EvidenceUses {...uses} language={language} /> : null}
        {campaigns ? <ContributedCampaigns campaigns={campaigns} language={language} /> : null}
        <h2>{t.whatYouCanDo}</h2>
        <ul className="card-list">
          {areas.map((item) => (
            <li key={item.to} className="card">
              <Link to={item.to}>{f.nav[item.to] ?? item.label}</Link>
              {t.areas[item.to] ? <p className="card__text">{t.areas[item.to]}</p> : null}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const describe = (to: string) =>
    (user.role === "member" ? memberAreaDescriptions[to] : undefined) ?? areaDescriptions[to] ?? "";
  return (
    <>
      <h1>Welcome, {user.name}</h1>
      <p className="lead">
        You are signed in as {roleLabels[user.role].toLowerCase()}
        {user.isLeader ? " and can sign open letters for your organisation" : ""}.
      </p>
      {asks ? <MemberAsks {...asks} /> : null}
      {uses ? <EvidenceUses {...uses} /> : null}
      {campaigns ? <ContributedCampaigns campaigns={campaigns} /> : null}
      {queue ? <StaffQueueView queue={queue} /> : null}
      <h2>What you can do here</h2>
      <ul className="card-list">
        {areas.map((item) => (
          <li key={item.to} className="card">
            <Link to={item.to}>{item.label}</Link>
            {describe(item.to) ? <p className="card__text">{describe(item.to)}</p> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
