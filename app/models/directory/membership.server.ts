import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import {
  membershipStatusLabels,
  membershipStatusSchema,
  type MembershipStatus,
} from "~/schemas/directory.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";

/**
 * Membership of the network. It sends no email and needs no approval, so it is not one of the
 * lifecycle tables: a list of which status may follow which, and the one writer of the column.
 * Once someone has joined they are never prospective again, except after leaving.
 */
const membershipMoves: Record<MembershipStatus, readonly MembershipStatus[]> = {
  prospective: ["active", "left"],
  active: ["lapsed", "left"],
  lapsed: ["active", "left"],
  left: ["prospective", "active"],
};

export function canChangeMembership(from: MembershipStatus, to: MembershipStatus): boolean {
  return from === to || membershipMoves[from].includes(to);
}

export function membershipMoveRefusal(from: MembershipStatus, to: MembershipStatus): string {
  const allowed = membershipMoves[from]
    .map((status) => membershipStatusLabels[status].toLowerCase())
    .join(" or ");
  return `The membership status cannot go from ${membershipStatusLabels[from].toLowerCase()} to ${membershipStatusLabels[to].toLowerCase()}; it can become ${allowed}`;
}

export interface Membership {
  membershipStatus: MembershipStatus;
  /** 'YYYY-MM-DD'; null while a prospective member has not joined. */
  joinedOn: string | null;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The only writer of membership_status after creation. Becoming active without a joining date
 * records today, since the network figures count members by the date they joined.
 */
export async function changeMembershipStatus(
  db: Db,
  actor: Actor | null,
  organisationId: number,
  to: MembershipStatus,
): Promise<Membership> {
  if (actor) requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("organisations")
      .select(["membership_status", "joined_on"])
      .where("id", "=", organisationId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw Refusal.notFound();
    const before = {
      membershipStatus: membershipStatusSchema.parse(row.membership_status),
      joinedOn: row.joined_on,
    };
    if (before.membershipStatus === to) return before;
    if (!canChangeMembership(before.membershipStatus, to)) {
      const message = membershipMoveRefusal(before.membershipStatus, to);
      throw new Refusal("conflict", message, { fieldErrors: { membershipStatus: message } });
    }
    const after = {
      membershipStatus: to,
      joinedOn: to === "active" && !before.joinedOn ? today() : before.joinedOn,
    };
    await trx
      .updateTable("organisations")
      .set({ membership_status: after.membershipStatus, joined_on: after.joinedOn, updated_at: new Date() })
      .where("id", "=", organisationId)
      .execute();
    await writeAudit(trx, {
      actorId: actor?.id ?? null,
      action: "organisation.membership_changed",
      subjectType: "organisation",
      subjectId: organisationId,
      before,
      after,
    });
    return after;
  });
}
