import { createOrganisation } from "~/models/directory/organisations.server.ts";
import { openLetter } from "~/models/letters/lifecycle.server.ts";
import { createLetter, type Letter } from "~/models/letters/letters.server.ts";
import { createPerson, type Person } from "~/models/accounts/people.server.ts";
import type { MembershipStatus, Nation } from "~/schemas/directory.ts";
import type { Db } from "~/utils/db.server.ts";
import { uniqueEmail } from "../context.ts";
import { withText } from "../outbox-text.ts";

export const APP_URL = "http://localhost:3000";

let counter = 0;
const unique = (label: string) => `${label} ${process.pid}-${++counter}`;

export async function createStaff(db: Db): Promise<Person> {
  return createPerson(db, null, { email: uniqueEmail("staff"), name: "Priya Shah", role: "staff" });
}

export interface OrgOptions {
  name?: string;
  nation?: Nation | null;
  staffCount?: number;
  membershipStatus?: MembershipStatus;
  leaderName?: string;
  jobTitle?: string | null;
}

/** A known place per nation: the directory records a nation only with the postcode it comes from. */
const places = {
  england: { postcode: "SW1A 2AA", localAuthority: "Westminster", localAuthorityCode: "E09000033" },
  scotland: { postcode: "EH1 1YZ", localAuthority: "City of Edinburgh", localAuthorityCode: "S12000036" },
  wales: { postcode: "CF10 4UW", localAuthority: "Cardiff", localAuthorityCode: "W06000015" },
  northern_ireland: { postcode: "BT1 5GS", localAuthority: "Belfast", localAuthorityCode: "N09000003" },
} as const;

/** An organisation with one leader and one ordinary member contact. */
export async function createOrgWithLeader(db: Db, options: OrgOptions = {}) {
  const nation = options.nation === undefined ? "england" : options.nation;
  const place = nation ? places[nation] : null;
  const organisation = await createOrganisation(db, null, {
    name: options.name ?? unique("Test Mutual CIC"),
    legalForm: "community_interest_company",
    serviceArea: "health",
    nation,
    postcode: place?.postcode ?? null,
    localAuthority: place?.localAuthority ?? null,
    localAuthorityCode: place?.localAuthorityCode ?? null,
    constituency: null,
    staffCount: options.staffCount ?? 100,
    publicIncomeGbp: 1000,
    membershipStatus: options.membershipStatus ?? "active",
    joinedOn: null,
  });
  const leader = await createPerson(db, null, {
    email: uniqueEmail("leader"),
    name: options.leaderName ?? "Joanna Whitfield",
    jobTitle: options.jobTitle === undefined ? "Chief Executive" : options.jobTitle,
    role: "member",
    isLeader: true,
    organisationId: organisation.id,
  });
  const member = await createPerson(db, null, {
    email: uniqueEmail("member"),
    name: "Daniel Osei",
    jobTitle: "Policy Lead",
    role: "member",
    organisationId: organisation.id,
  });
  return { organisation, leader, member };
}

export async function addLeader(db: Db, organisationId: number, name = "Rachel Ashworth"): Promise<Person> {
  return createPerson(db, null, {
    email: uniqueEmail("leader2"),
    name,
    jobTitle: "Director of Operations",
    role: "member",
    isLeader: true,
    organisationId,
  });
}

export async function createDraft(
  db: Db,
  staff: Person,
  overrides: Partial<Parameters<typeof createLetter>[2]> = {},
) {
  return createLetter(db, staff, {
    title: overrides.title ?? unique("Zero-rate VAT on shared services"),
    addressee: overrides.addressee ?? "The Chancellor of the Exchequer",
    body:
      overrides.body ?? "Dear Chancellor,\n\nWe, the undersigned **public service mutuals**, ask you to act.",
    closesOn: overrides.closesOn ?? null,
    signatureGoal: overrides.signatureGoal ?? null,
  });
}

/** A letter opened for the chosen people only, so tests sharing a database do not invite each other's leaders. */
export async function createOpenLetter(
  db: Db,
  staff: Person,
  invite: Person[] = [],
  overrides: Partial<Parameters<typeof createLetter>[2]> = {},
): Promise<Letter> {
  const draft = await createDraft(db, staff, overrides);
  const { letter } = await openLetter(
    db,
    staff,
    draft.id,
    { audience: "chosen", nations: [], personIds: invite.map((p) => p.id) },
    APP_URL,
  );
  return letter;
}

/** The personal token from the newest invitation email to `email`, as a leader would click it. */
export async function invitationToken(db: Db, email: string): Promise<string> {
  const row = await db
    .selectFrom("email_outbox")
    .select(["template", "props", "text"])
    .where("to_address", "=", email)
    .where("template", "in", ["letter-invitation", "letter-invitation-bilingual"])
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  const match = /\/sign\?token=([A-Za-z0-9_-]+)/.exec(withText([row])[0]?.text ?? "");
  if (!match?.[1]) throw new Error(`No token in the invitation to ${email}`);
  return match[1];
}

let keys = 0;
export const formKey = () => `form-key-${process.pid}-${++keys}-abcdefgh`;
