import { formatDateIn } from "~/utils/i18n.ts";
import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import { enqueueEmail } from "~/models/email/outbox.server.ts";
import type { Nation } from "~/schemas/directory.ts";
import { hashToken, randomToken } from "~/utils/crypto.server.ts";
import type { Db } from "~/utils/db.server.ts";
import { formatLongDate } from "~/utils/letter-format.ts";
import type { Letter } from "./letters.server.ts";

/** Who staff chose to invite: every eligible leader, those in some nations, or people picked by name. */
export interface LetterAudience {
  audience: "all" | "nations" | "chosen";
  nations: Nation[];
  personIds: number[];
}

interface EligibleLeader {
  personId: number;
  name: string;
  jobTitle: string | null;
  organisation: string;
  nation: Nation | null;
  invited: boolean;
}

/**
 * Who may sign for an organisation: an active leader of a member in good standing. Prospective,
 * lapsed, former and archived organisations are not members, so their leaders cannot sign.
 */
function eligibleLeaders(db: Db) {
  return db
    .selectFrom("people")
    .innerJoin("organisations", "organisations.id", "people.organisation_id")
    .where("people.active", "=", true)
    .where("people.role", "=", "member")
    .where("people.is_leader", "=", true)
    .where("organisations.membership_status", "=", "active")
    .where("organisations.archived_at", "is", null);
}

export async function listEligibleLeaders(db: Db, actor: Actor, letterId: number): Promise<EligibleLeader[]> {
  requireStaffActor(actor);
  const rows = await eligibleLeaders(db)
    .leftJoin("letter_invitations", (join) =>
      join
        .onRef("letter_invitations.person_id", "=", "people.id")
        .on("letter_invitations.letter_id", "=", letterId),
    )
    .select([
      "people.id",
      "people.name",
      "people.job_title",
      "organisations.name as organisation",
      "organisations.nation",
      "letter_invitations.id as invitation_id",
    ])
    .orderBy("organisations.name")
    .orderBy("people.name")
    .execute();
  return rows.map((row) => ({
    personId: row.id,
    name: row.name,
    jobTitle: row.job_title,
    organisation: row.organisation,
    nation: nationOrNull(row.nation),
    invited: row.invitation_id !== null,
  }));
}

function nationOrNull(value: string | null): Nation | null {
  return value === "england" || value === "scotland" || value === "wales" || value === "northern_ireland"
    ? value
    : null;
}

/** Eligible leaders in the audience who have no invitation to this letter yet. */
async function audiencePeople(trx: Db, letterId: number, audience: LetterAudience) {
  let query = eligibleLeaders(trx)
    .select(["people.id", "people.name", "people.email", "organisations.name as organisation"])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("letter_invitations")
            .select("letter_invitations.id")
            .whereRef("letter_invitations.person_id", "=", "people.id")
            .where("letter_invitations.letter_id", "=", letterId),
        ),
      ),
    );
  if (audience.audience === "nations") {
    if (!audience.nations.length) return [];
    query = query.where("organisations.nation", "in", audience.nations);
  }
  if (audience.audience === "chosen") {
    if (!audience.personIds.length) return [];
    query = query.where("people.id", "in", audience.personIds);
  }
  return query.orderBy("people.id").execute();
}

/**
 * Personal links: one random token per leader per letter, only its hash kept, dead once the letter
 * closes. Each email is written here, with its invitation, because only this moment knows the token.
 * The invitations carry `sentAt` (the move's time) so the move's caller can count them.
 */
export async function sendInvitations(
  trx: Db,
  letter: Letter,
  audience: LetterAudience,
  { invitedBy, sentAt, appUrl }: { invitedBy: number | null; sentAt: Date; appUrl: string },
): Promise<number> {
  const people = await audiencePeople(trx, letter.id, audience);
  const closesOn = letter.closesAt ? formatLongDate(new Date(letter.closesAt.getTime() - 1)) : null;
  const closesOnCy = letter.closesAt ? formatDateIn("cy", new Date(letter.closesAt.getTime() - 1)) : null;
  for (const person of people) {
    const token = randomToken();
    await trx
      .insertInto("letter_invitations")
      .values({
        letter_id: letter.id,
        person_id: person.id,
        token_hash: hashToken(token),
        invited_by: invitedBy,
        created_at: sentAt,
      })
      .execute();
    const link = new URL(`/letters/${letter.slug}/sign`, appUrl);
    link.searchParams.set("token", token);
    const props = {
      name: person.name,
      organisation: person.organisation,
      title: letter.title,
      addressee: letter.addressee,
      link: link.toString(),
      closesOn,
    };
    await enqueueEmail(
      trx,
      letter.bilingual
        ? {
            to: person.email,
            template: "letter-invitation-bilingual",
            props: { ...props, titleCy: letter.titleCy ?? letter.title, closesOnCy },
          }
        : { to: person.email, template: "letter-invitation", props },
    );
  }
  return people.length;
}

/** Personal links stop working when the letter closes or is withdrawn; the invitations stay on record. */
export async function endPersonalLinks(trx: Db, letterId: number): Promise<void> {
  await trx
    .updateTable("letter_invitations")
    .set({ token_hash: null })
    .where("letter_id", "=", letterId)
    .execute();
}
