import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { listDeliveries } from "~/models/letters/deliveries.server.ts";
import { getLetterDocument } from "~/models/letters/documents.server.ts";
import {
  closeLetter,
  closeLettersPastTheirDate,
  deliverLetter,
  inviteMoreLeaders,
  openLetter,
  recordAnotherDelivery,
  updateLetterDraft,
  withdrawLetter,
} from "~/models/letters/lifecycle.server.ts";
import { getPublicLetter } from "~/models/letters/public.server.ts";
import { signLetter } from "~/models/letters/signing.server.ts";
import { createLetter, getLetterForStaff } from "~/models/letters/letters.server.ts";
import type { DeliveryInput } from "~/schemas/letters.ts";
import { londonToday } from "~/utils/london-time.ts";
import { openTestDb } from "../db.ts";
import {
  APP_URL,
  createDraft,
  createOpenLetter,
  createOrgWithLeader,
  createStaff,
  formKey,
} from "./factories.ts";
import { withText } from "../outbox-text.ts";

const { db } = await openTestDb();
/** A state or version the move cannot start from: a Refusal that answers 409. */
const aConflict = { kind: "conflict", status: 409 };
const staff = await createStaff(db);

const delivery = (overrides: Partial<DeliveryInput> = {}): DeliveryInput => ({
  recipient: "HM Treasury, 1 Horse Guards Road",
  method: "email",
  deliveredOn: londonToday(),
  reference: "ministers@hmtreasury.example",
  notes: null,
  correctsId: null,
  ...overrides,
});

let ip = 0;
async function signAs(slug: string, person: Awaited<ReturnType<typeof createOrgWithLeader>>["leader"]) {
  const outcome = await signLetter(db, {
    slug,
    signer: { via: "session", actor: person },
    formKey: formKey(),
    ip: `192.0.2.${++ip}`,
    appUrl: APP_URL,
  });
  expect(outcome.kind).toBe("signed");
}

async function auditActions(letterId: number) {
  const rows = await db
    .selectFrom("audit_log")
    .select("action")
    .where("subject_type", "=", "letter")
    .where("subject_id", "=", String(letterId))
    .orderBy("id")
    .execute();
  return rows.map((row) => row.action);
}

describe("drafts", () => {
  test("only staff create and edit letters; a stale save is refused and nothing is overwritten", async () => {
    const { leader } = await createOrgWithLeader(db);
    await expect(
      createLetter(db, leader, {
        title: "Mine",
        addressee: "Me",
        body: "x",
        closesOn: null,
        signatureGoal: null,
      }),
    ).rejects.toMatchObject({ status: 404 });

    const draft = await createDraft(db, staff, { title: "Pensions: a fair deal for spun-out staff" });
    expect(draft).toMatchObject({
      state: "draft",
      version: 1,
      slug: "pensions-a-fair-deal-for-spun-out-staff",
    });
    const twin = await createDraft(db, staff, { title: "Pensions: a fair deal for spun-out staff" });
    expect(twin.slug).toBe("pensions-a-fair-deal-for-spun-out-staff-2");

    const edit = {
      title: draft.title,
      addressee: "The Secretary of State",
      body: "New words",
      closesOn: null,
      signatureGoal: 40,
    };
    const saved = await updateLetterDraft(db, staff, draft.id, { ...edit, version: 1 });
    expect(saved).toMatchObject({ version: 2, addressee: "The Secretary of State", signatureGoal: 40 });
    await expect(
      updateLetterDraft(db, staff, draft.id, { ...edit, body: "Older words", version: 1 }),
    ).rejects.toThrow(/Someone else saved this letter/);
    expect((await getLetterForStaff(db, staff, draft.id)).bodyMarkdown).toBe("New words");
    await expect(updateLetterDraft(db, leader, draft.id, { ...edit, version: 2 })).rejects.toMatchObject({
      status: 404,
    });
  });

  test("a closing date is the end of that day in London", async () => {
    const draft = await createDraft(db, staff, { closesOn: "2026-07-01" });
    expect(draft.closesOn).toBe("2026-07-01");
    expect(draft.closesAt?.toISOString()).toBe("2026-07-01T23:00:00.000Z");
    const winter = await createDraft(db, staff, { closesOn: "2026-12-01" });
    expect(winter.closesAt?.toISOString()).toBe("2026-12-02T00:00:00.000Z");
  });
});

describe("opening", () => {
  test("invites every eligible leader once, by email, with a personal link", async () => {
    const eligible = await createOrgWithLeader(db, { nation: "scotland" });
    const lapsed = await createOrgWithLeader(db, { membershipStatus: "lapsed" });
    const draft = await createDraft(db, staff);
    const { letter, invited } = await openLetter(
      db,
      staff,
      draft.id,
      { audience: "all", nations: [], personIds: [] },
      APP_URL,
    );
    expect(letter.state).toBe("open");
    const invitations = await db
      .selectFrom("letter_invitations")
      .innerJoin("people", "people.id", "letter_invitations.person_id")
      .select(["people.id", "people.email", "letter_invitations.token_hash"])
      .where("letter_id", "=", letter.id)
      .execute();
    expect(invitations).toHaveLength(invited);
    const ids = invitations.map((row) => row.id);
    expect(ids).toContain(eligible.leader.id);
    expect(ids).not.toContain(lapsed.leader.id);
    expect(ids).not.toContain(eligible.member.id);
    for (const row of invitations) expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);

    const [email] = withText([
      await db
        .selectFrom("email_outbox")
        .select(["subject", "template", "props", "text"])
        .where("to_address", "=", eligible.leader.email)
        .where("template", "=", "letter-invitation")
        .executeTakeFirstOrThrow(),
    ]);
    if (!email) throw new Error("No invitation email");
    expect(email.subject).toBe(`Will you sign the open letter “${letter.title}”?`);
    const token = /\/sign\?token=([A-Za-z0-9_-]+)/.exec(email.text)?.[1] ?? "";
    // 256 bits of randomness, and only its hash is stored.
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(
      invitations.some((row) => row.token_hash === createHash("sha256").update(token).digest("hex")),
    ).toBe(true);
    expect(invitations.some((row) => row.token_hash === token)).toBe(false);

    const again = await inviteMoreLeaders(
      db,
      staff,
      letter.id,
      { audience: "all", nations: [], personIds: [] },
      APP_URL,
    );
    expect(again).toBe(0);
    expect(await auditActions(letter.id)).toEqual(["letter.created", "letter.opened", "letter.invited"]);
  });

  test("a subset: leaders in chosen nations, or chosen people", async () => {
    const welsh = await createOrgWithLeader(db, { nation: "wales" });
    const english = await createOrgWithLeader(db, { nation: "england" });
    const draft = await createDraft(db, staff);
    const { letter } = await openLetter(
      db,
      staff,
      draft.id,
      { audience: "nations", nations: ["wales"], personIds: [] },
      APP_URL,
    );
    const people = await db
      .selectFrom("letter_invitations")
      .select("person_id")
      .where("letter_id", "=", letter.id)
      .execute();
    expect(people.map((p) => p.person_id)).toContain(welsh.leader.id);
    expect(people.map((p) => p.person_id)).not.toContain(english.leader.id);

    const chosen = await createOpenLetter(db, staff, [english.leader, english.member]);
    const chosenPeople = await db
      .selectFrom("letter_invitations")
      .select("person_id")
      .where("letter_id", "=", chosen.id)
      .execute();
    // A member contact who is not a leader is never invited, even if picked.
    expect(chosenPeople).toEqual([{ person_id: english.leader.id }]);
  });

  test("illegal transitions are refused with a clear message and change nothing", async () => {
    const draft = await createDraft(db, staff);
    await expect(closeLetter(db, staff, draft.id)).rejects.toMatchObject(aConflict);
    await expect(closeLetter(db, staff, draft.id)).rejects.toThrow(
      "This letter is still a draft, so it cannot be closed.",
    );
    await expect(deliverLetter(db, staff, draft.id, delivery(), APP_URL)).rejects.toMatchObject(aConflict);
    const open = await createOpenLetter(db, staff, []);
    await expect(
      openLetter(db, staff, open.id, { audience: "all", nations: [], personIds: [] }, APP_URL),
    ).rejects.toThrow("This letter is open for signatures, so it cannot be opened for signatures.");
    await expect(deliverLetter(db, staff, open.id, delivery(), APP_URL)).rejects.toMatchObject(aConflict);
    const past = await createDraft(db, staff);
    await db
      .updateTable("letters")
      .set({ closes_at: new Date(Date.now() - 60_000) })
      .where("id", "=", past.id)
      .execute();
    await expect(
      openLetter(db, staff, past.id, { audience: "all", nations: [], personIds: [] }, APP_URL),
    ).rejects.toThrow(/closing date has passed/);
    expect((await getLetterForStaff(db, staff, past.id)).state).toBe("draft");
  });
});

describe("closing and delivering", () => {
  test("close freezes the list; the documents are stored with their hashes; delivery records them and tells signatories", async () => {
    const welsh = await createOrgWithLeader(db, {
      nation: "wales",
      staffCount: 120,
      leaderName: "Siân Llŷr",
      name: "Gofal Cymunedol Caerdydd CIC",
    });
    const formula = await createOrgWithLeader(db, {
      nation: "england",
      staffCount: 3000,
      leaderName: '=HYPERLINK("http://evil.example","x")',
      jobTitle: "+Chief Executive",
      name: "@Mutual Health CIC",
    });
    const letter = await createOpenLetter(db, staff, []);
    await signAs(letter.slug, welsh.leader);
    await signAs(letter.slug, formula.leader);

    const closed = await closeLetter(db, staff, letter.id);
    expect(closed.state).toBe("closed");
    // Later directory edits do not change what was signed.
    await db
      .updateTable("organisations")
      .set({ name: "Renamed CIC", staff_count: 1 })
      .where("id", "=", welsh.organisation.id)
      .execute();
    const page = await getPublicLetter(db, letter.slug, Date.now() + 60_000);
    expect(page?.signatories.map((s) => s.organisation)).toEqual([
      "Gofal Cymunedol Caerdydd CIC",
      "@Mutual Health CIC",
    ]);
    expect(page?.figures).toEqual({ organisations: 2, staff: 3120, nations: ["england", "wales"] });

    const pdf = await getLetterDocument(db, staff, letter.id, "pdf");
    const csv = await getLetterDocument(db, staff, letter.id, "csv");
    expect(pdf.content.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.sha256).toBe(createHash("sha256").update(pdf.content).digest("hex"));
    const csvText = csv.content.toString("utf8");
    expect(
      csvText.startsWith("\uFEFFPosition,Name,Job title,Organisation,Nation,Staff,Signed at (UTC)\r\n"),
    ).toBe(true);
    expect(csvText).toContain("1,Siân Llŷr,Chief Executive,Gofal Cymunedol Caerdydd CIC,Wales,120,");
    expect(csvText).toContain(
      `2,"'=HYPERLINK(""http://evil.example"",""x"")",'+Chief Executive,'@Mutual Health CIC,England,3000,`,
    );

    const { leader: member } = await createOrgWithLeader(db);
    await expect(getLetterDocument(db, member, letter.id, "pdf")).rejects.toMatchObject({ status: 404 });

    const delivered = await deliverLetter(db, staff, letter.id, delivery(), APP_URL);
    expect(delivered.state).toBe("delivered");
    const [record] = await listDeliveries(db, staff, letter.id);
    expect(record).toMatchObject({
      recipient: "HM Treasury, 1 Horse Guards Road",
      method: "email",
      pdfSha256: pdf.sha256,
      csvSha256: csv.sha256,
      recordedBy: staff.name,
    });
    const notices = withText(
      await db
        .selectFrom("email_outbox")
        .select(["to_address", "template", "props", "text"])
        .where("template", "=", "letter-delivered")
        .where("to_address", "in", [welsh.leader.email, formula.leader.email])
        .execute(),
    );
    expect(notices).toHaveLength(2);
    expect(notices[0]?.text).toContain("was delivered to HM Treasury, 1 Horse Guards Road by email on");
    expect(notices[0]?.text).toContain("2 mutuals employing 3,120 staff, across England and Wales");
    expect(await auditActions(letter.id)).toEqual([
      "letter.created",
      "letter.opened",
      "letter.closed",
      "letter.delivered",
    ]);
  });

  test("the record is permanent: no update or delete; a correction is a new row pointing at the old", async () => {
    const { leader } = await createOrgWithLeader(db);
    const letter = await createOpenLetter(db, staff, []);
    await signAs(letter.slug, leader);
    await closeLetter(db, staff, letter.id);
    await deliverLetter(
      db,
      staff,
      letter.id,
      delivery({ method: "post", reference: "RR123456789GB" }),
      APP_URL,
    );
    const [first] = await listDeliveries(db, staff, letter.id);
    if (!first) throw new Error("no delivery");

    await expect(
      db
        .updateTable("letter_deliveries")
        .set({ recipient: "Someone else" })
        .where("id", "=", first.id)
        .execute(),
    ).rejects.toThrow(/permanent records/);
    await expect(db.deleteFrom("letter_deliveries").where("id", "=", first.id).execute()).rejects.toThrow(
      /permanent records/,
    );
    await expect(
      db
        .updateTable("letter_documents")
        .set({ sha256: "0".repeat(64) })
        .where("letter_id", "=", letter.id)
        .execute(),
    ).rejects.toThrow(/permanent records/);
    await expect(
      db.deleteFrom("letter_final_signatories").where("letter_id", "=", letter.id).execute(),
    ).rejects.toThrow(/permanent records/);

    await recordAnotherDelivery(
      db,
      staff,
      letter.id,
      delivery({ method: "post", reference: "RR987654321GB", correctsId: first.id }),
    );
    const records = await listDeliveries(db, staff, letter.id);
    expect(records.map((r) => [r.reference, r.correctsId])).toEqual([
      ["RR123456789GB", null],
      ["RR987654321GB", first.id],
    ]);
    const other = await createOpenLetter(db, staff, []);
    await expect(recordAnotherDelivery(db, staff, other.id, delivery())).rejects.toMatchObject(aConflict);
  });

  test("withdrawal works from draft, open and closed, but not after delivery", async () => {
    const draft = await createDraft(db, staff);
    expect((await withdrawLetter(db, staff, draft.id, "Superseded")).state).toBe("withdrawn");
    const open = await createOpenLetter(db, staff, []);
    const withdrawn = await withdrawLetter(db, staff, open.id, "The consultation was cancelled");
    expect(withdrawn).toMatchObject({
      state: "withdrawn",
      withdrawnReason: "The consultation was cancelled",
    });
    expect((await getPublicLetter(db, open.slug))?.state).toBe("withdrawn");
    await expect(withdrawLetter(db, staff, open.id, "again")).rejects.toMatchObject(aConflict);

    const { leader } = await createOrgWithLeader(db);
    const delivered = await createOpenLetter(db, staff, []);
    await signAs(delivered.slug, leader);
    await closeLetter(db, staff, delivered.id);
    await deliverLetter(db, staff, delivered.id, delivery(), APP_URL);
    await expect(withdrawLetter(db, staff, delivered.id, "too late")).rejects.toThrow(
      "This letter is delivered, so it cannot be withdrawn.",
    );
  });

  test("the scheduler closes open letters whose closing date has passed, and only those", async () => {
    const due = await createOpenLetter(db, staff, []);
    const notDue = await createOpenLetter(db, staff, [], { closesOn: "2099-12-31" });
    await db
      .updateTable("letters")
      .set({ closes_at: new Date(Date.now() - 1000) })
      .where("id", "=", due.id)
      .execute();
    expect(await closeLettersPastTheirDate(db)).toBeGreaterThanOrEqual(1);
    expect((await getLetterForStaff(db, staff, due.id)).state).toBe("closed");
    expect((await getLetterForStaff(db, staff, notDue.id)).state).toBe("open");
    const audit = await db
      .selectFrom("audit_log")
      .select(["actor_id", "after"])
      .where("action", "=", "letter.closed")
      .where("subject_id", "=", String(due.id))
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBeNull();
    expect(audit.after).toMatchObject({ by: "closing date" });
    expect(await closeLettersPastTheirDate(db)).toBe(0);
  });
});
