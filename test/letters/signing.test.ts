import { sql } from "kysely";
import { describe, expect, test } from "vitest";
import { closeLetter, withdrawLetter } from "~/models/letters/lifecycle.server.ts";
import { getPublicLetter } from "~/models/letters/public.server.ts";
import { getSigningContext, type Signer } from "~/models/letters/signing-context.server.ts";
import { erasePerson } from "~/models/directory/data-rights.server.ts";
import {
  forgetSignerAddresses,
  queueSignatureConfirmations,
  signLetter,
  withdrawSignature,
} from "~/models/letters/signing.server.ts";
import { getPerson } from "~/models/accounts/people.server.ts";
import { openTestDb } from "../db.ts";
import {
  addLeader,
  APP_URL,
  createDraft,
  createOpenLetter,
  createOrgWithLeader,
  createStaff,
  formKey,
  invitationToken,
} from "./factories.ts";
import { withText } from "../outbox-text.ts";

const { db } = await openTestDb();
const staff = await createStaff(db);

let ipCounter = 0;
/** A fresh address per attempt (documentation ranges), so IP limits only bite where a test means them to. */
const freshIp = () => {
  ipCounter++;
  return `198.51.${100 + Math.floor(ipCounter / 250)}.${ipCounter % 250}`;
};

const sign = (slug: string, signer: Signer, overrides: { formKey?: string; ip?: string } = {}) =>
  signLetter(db, {
    slug,
    signer,
    formKey: overrides.formKey ?? formKey(),
    ip: overrides.ip ?? freshIp(),
    appUrl: APP_URL,
  });

async function sessionSigner(personId: number): Promise<Signer> {
  const person = await getPerson(db, personId);
  if (!person) throw new Error("no such person");
  return { via: "session", actor: person };
}

async function activeSignatures(letterId: number) {
  return db
    .selectFrom("letter_signatures")
    .select(["organisation_id", "person_id"])
    .where("letter_id", "=", letterId)
    .where("withdrawn_at", "is", null)
    .execute();
}

describe("signing from the personal link", () => {
  test("counts at once, sends a confirmation, audits, and shows on the public page", async () => {
    const { organisation, leader } = await createOrgWithLeader(db, {
      nation: "wales",
      staffCount: 240,
      leaderName: "Siân Llŷr",
    });
    const letter = await createOpenLetter(db, staff, [leader]);
    const token = await invitationToken(db, leader.email);

    const context = await getSigningContext(db, letter.slug, { via: "link", token });
    expect(context?.signer).toMatchObject({
      name: "Siân Llŷr",
      jobTitle: "Chief Executive",
      organisation: organisation.name,
    });
    expect(context?.ineligible).toBeNull();
    expect(context?.signature).toBeNull();

    const outcome = await sign(letter.slug, { via: "link", token });
    expect(outcome.kind).toBe("signed");
    expect(await activeSignatures(letter.id)).toEqual([
      { organisation_id: organisation.id, person_id: leader.id },
    ]);

    // The signature promised the email; the background loop renders it into the outbox.
    await queueSignatureConfirmations(db);
    const [email] = withText([
      await db
        .selectFrom("email_outbox")
        .select(["subject", "template", "props", "text"])
        .where("to_address", "=", leader.email)
        .where("template", "=", "letter-signed")
        .executeTakeFirstOrThrow(),
    ]);
    if (!email) throw new Error("No confirmation email");
    expect(email.subject).toBe(`You signed “${letter.title}”`);
    expect(email.text).toContain(`${APP_URL}/letters/${letter.slug}\n`);
    expect(email.text).toContain(`${APP_URL}/letters/${letter.slug}/sign\n`);
    expect(email.text).not.toContain(token);

    const audit = await db
      .selectFrom("audit_log")
      .select(["actor_id", "after"])
      .where("action", "=", "letter.signed")
      .where("actor_id", "=", leader.id)
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ letterId: letter.id, organisationId: organisation.id, via: "link" });

    const page = await getPublicLetter(db, letter.slug);
    expect(page?.signatories.map((s) => [s.name, s.jobTitle, s.organisation])).toEqual([
      ["Siân Llŷr", "Chief Executive", organisation.name],
    ]);
    expect(page?.figures).toEqual({ organisations: 1, staff: 240, nations: ["wales"] });
  });

  test("a link works for its own letter only", async () => {
    const { leader } = await createOrgWithLeader(db);
    const first = await createOpenLetter(db, staff, [leader]);
    const token = await invitationToken(db, leader.email);
    const second = await createOpenLetter(db, staff, []);
    expect(await getSigningContext(db, second.slug, { via: "link", token })).toBeNull();
    expect((await sign(second.slug, { via: "link", token })).kind).toBe("invalid_link");
    expect(await activeSignatures(second.id)).toEqual([]);
    expect((await sign(first.slug, { via: "link", token })).kind).toBe("signed");
  });

  test("unknown, short and absurd tokens are refused without a signature", async () => {
    const { leader } = await createOrgWithLeader(db);
    const letter = await createOpenLetter(db, staff, [leader]);
    for (const token of ["", "short", "x".repeat(43), "y".repeat(5000)]) {
      expect((await sign(letter.slug, { via: "link", token })).kind).toBe("invalid_link");
    }
    expect(await activeSignatures(letter.id)).toEqual([]);
  });
});

describe("who can sign", () => {
  test("a leader without an invitation signs after signing in", async () => {
    const { leader } = await createOrgWithLeader(db);
    const letter = await createOpenLetter(db, staff, []);
    expect((await sign(letter.slug, await sessionSigner(leader.id))).kind).toBe("signed");
    const [row] = await db
      .selectFrom("letter_signatures")
      .select("via")
      .where("letter_id", "=", letter.id)
      .execute();
    expect(row?.via).toBe("session");
  });

  test("no member contact who is not a leader, no staff, and no leader of a non-member organisation", async () => {
    const { member } = await createOrgWithLeader(db);
    const lapsed = await createOrgWithLeader(db, { membershipStatus: "lapsed" });
    const prospective = await createOrgWithLeader(db, { membershipStatus: "prospective" });
    const left = await createOrgWithLeader(db, { membershipStatus: "left" });
    const archived = await createOrgWithLeader(db);
    await db
      .updateTable("organisations")
      .set({ archived_at: new Date() })
      .where("id", "=", archived.organisation.id)
      .execute();
    const letter = await createOpenLetter(db, staff, []);

    for (const personId of [
      member.id,
      staff.id,
      lapsed.leader.id,
      prospective.leader.id,
      left.leader.id,
      archived.leader.id,
    ]) {
      expect((await sign(letter.slug, await sessionSigner(personId))).kind).toBe("ineligible");
    }
    expect(await activeSignatures(letter.id)).toEqual([]);
    const context = await getSigningContext(db, letter.slug, await sessionSigner(member.id));
    expect(context?.ineligible).toBe("not_leader");
    const lapsedContext = await getSigningContext(db, letter.slug, await sessionSigner(lapsed.leader.id));
    expect(lapsedContext?.ineligible).toBe("not_member_organisation");
  });

  test("a leader invited by link who has since been deactivated or stopped being a leader cannot sign", async () => {
    const first = await createOrgWithLeader(db);
    const second = await createOrgWithLeader(db);
    const letter = await createOpenLetter(db, staff, [first.leader, second.leader]);
    const firstToken = await invitationToken(db, first.leader.email);
    const secondToken = await invitationToken(db, second.leader.email);
    await db.updateTable("people").set({ active: false }).where("id", "=", first.leader.id).execute();
    await db.updateTable("people").set({ is_leader: false }).where("id", "=", second.leader.id).execute();
    expect((await sign(letter.slug, { via: "link", token: firstToken })).kind).toBe("ineligible");
    expect((await sign(letter.slug, { via: "link", token: secondToken })).kind).toBe("ineligible");
    expect(await activeSignatures(letter.id)).toEqual([]);
  });

  test("a draft cannot be signed, and a withdrawn letter no longer can", async () => {
    const { leader } = await createOrgWithLeader(db);
    const draft = await createDraft(db, staff);
    expect((await sign(draft.slug, await sessionSigner(leader.id))).kind).toBe("closed");
    expect(await getSigningContext(db, draft.slug, await sessionSigner(leader.id))).toBeNull();

    const letter = await createOpenLetter(db, staff, [leader]);
    const token = await invitationToken(db, leader.email);
    await withdrawLetter(db, staff, letter.id, "The minister resigned.");
    expect((await sign(letter.slug, { via: "link", token })).kind).toBe("invalid_link");
    expect((await sign(letter.slug, await sessionSigner(leader.id))).kind).toBe("closed");
  });
});

describe("one signature per organisation", () => {
  test("a second leader of the organisation sees who signed and when, and cannot sign", async () => {
    const { organisation, leader } = await createOrgWithLeader(db, { leaderName: "Joanna Whitfield" });
    const second = await addLeader(db, organisation.id, "Rachel Ashworth");
    const letter = await createOpenLetter(db, staff, [leader, second]);
    const first = await sign(letter.slug, { via: "link", token: await invitationToken(db, leader.email) });
    expect(first.kind).toBe("signed");

    const secondToken = await invitationToken(db, second.email);
    const context = await getSigningContext(db, letter.slug, { via: "link", token: secondToken });
    expect(context?.signature).toMatchObject({
      mine: false,
      name: "Joanna Whitfield",
      jobTitle: "Chief Executive",
    });
    const outcome = await sign(letter.slug, { via: "link", token: secondToken });
    expect(outcome).toMatchObject({ kind: "organisation_signed", name: "Joanna Whitfield" });
    expect(await activeSignatures(letter.id)).toHaveLength(1);
  });

  test("a double click and a replayed form make one signature and answer as if signed", async () => {
    const { leader } = await createOrgWithLeader(db);
    const letter = await createOpenLetter(db, staff, [leader]);
    const token = await invitationToken(db, leader.email);
    const key = formKey();
    const ip = freshIp();
    const [a, b] = await Promise.all([
      sign(letter.slug, { via: "link", token }, { formKey: key, ip }),
      sign(letter.slug, { via: "link", token }, { formKey: key, ip }),
    ]);
    expect([a.kind, b.kind].sort()).toEqual(["already_signed", "signed"]);
    const replay = await sign(letter.slug, { via: "link", token }, { formKey: key, ip });
    expect(replay.kind).toBe("already_signed");
    expect(await activeSignatures(letter.id)).toHaveLength(1);
    await Promise.all([queueSignatureConfirmations(db), queueSignatureConfirmations(db)]);
    await queueSignatureConfirmations(db);
    const confirmations = await db
      .selectFrom("email_outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("to_address", "=", leader.email)
      .where("template", "=", "letter-signed")
      .executeTakeFirstOrThrow();
    expect(confirmations.n).toBe(1);
  });

  test("many parallel attempts by two leaders of one organisation leave exactly one signature", async () => {
    const { organisation, leader } = await createOrgWithLeader(db);
    const second = await addLeader(db, organisation.id);
    const letter = await createOpenLetter(db, staff, [leader, second]);
    const tokens = [await invitationToken(db, leader.email), await invitationToken(db, second.email)];
    const attempts = Array.from({ length: 24 }, (_, i) =>
      sign(letter.slug, { via: "link", token: tokens[i % 2] ?? "" }, { ip: freshIp() }),
    );
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o.kind === "signed")).toHaveLength(1);
    for (const outcome of outcomes) {
      expect(["signed", "already_signed", "organisation_signed", "rate_limited"]).toContain(outcome.kind);
    }
    const rows = await db
      .selectFrom("letter_signatures")
      .select("id")
      .where("letter_id", "=", letter.id)
      .execute();
    expect(rows).toHaveLength(1);
  });
});

test("a signature withdrawn before its confirmation was rendered gets none", async () => {
  const { leader } = await createOrgWithLeader(db);
  const letter = await createOpenLetter(db, staff, [leader]);
  const token = await invitationToken(db, leader.email);
  expect((await sign(letter.slug, { via: "link", token })).kind).toBe("signed");
  await withdrawSignature(db, { slug: letter.slug, signer: { via: "link", token }, appUrl: APP_URL });
  await queueSignatureConfirmations(db);
  const templates = await db
    .selectFrom("email_outbox")
    .select("template")
    .where("to_address", "=", leader.email)
    .orderBy("id")
    .execute();
  expect(templates.map((row) => row.template)).toEqual(["letter-invitation", "letter-signature-withdrawn"]);
});

describe("rate limits, counted from the signatures themselves", () => {
  /** Earlier signatures (withdrawn, so they block nobody) from `ip` and by `personId`, `ageMs` ago. */
  async function earlierSignatures(
    count: number,
    { ip, personId, ageMs }: { ip: string | null; personId: number; ageMs: number },
  ) {
    const { organisation } = await createOrgWithLeader(db);
    const letter = await createOpenLetter(db, staff, []);
    const at = new Date(Date.now() - ageMs);
    await db
      .insertInto("letter_signatures")
      .values(
        Array.from({ length: count }, () => ({
          letter_id: letter.id,
          organisation_id: organisation.id,
          person_id: personId,
          signer_name: "Earlier signer",
          organisation_name: organisation.name,
          via: "session",
          form_key: formKey(),
          link_origin: APP_URL,
          signer_ip: ip,
          signed_at: at,
          withdrawn_at: at,
        })),
      )
      .execute();
    return letter;
  }

  const countRows = async (table: "audit_log" | "letter_signatures" | "rate_limit_events") =>
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n;

  test("several leaders on one office network sign within seconds of each other", async () => {
    const letter = await createOpenLetter(db, staff, []);
    const ip = "203.0.113.40";
    for (let i = 0; i < 6; i++) {
      const { leader } = await createOrgWithLeader(db);
      expect((await sign(letter.slug, await sessionSigner(leader.id), { ip })).kind).toBe("signed");
    }
    expect(await activeSignatures(letter.id)).toHaveLength(6);
  });

  test("one signature per person per 10 seconds, from any address; a refusal writes nothing anywhere", async () => {
    const { leader } = await createOrgWithLeader(db);
    const first = await createOpenLetter(db, staff, []);
    const second = await createOpenLetter(db, staff, []);
    expect((await sign(first.slug, await sessionSigner(leader.id))).kind).toBe("signed");
    const before = await Promise.all([
      countRows("audit_log"),
      countRows("letter_signatures"),
      countRows("rate_limit_events"),
    ]);
    expect((await sign(second.slug, await sessionSigner(leader.id))).kind).toBe("rate_limited");
    expect(
      await Promise.all([
        countRows("audit_log"),
        countRows("letter_signatures"),
        countRows("rate_limit_events"),
      ]),
    ).toEqual(before);
    expect(await activeSignatures(second.id)).toEqual([]);
  });

  test("ten per person per five minutes", async () => {
    const { leader } = await createOrgWithLeader(db);
    await earlierSignatures(10, { ip: null, personId: leader.id, ageMs: 60_000 });
    const letter = await createOpenLetter(db, staff, []);
    expect((await sign(letter.slug, await sessionSigner(leader.id))).kind).toBe("rate_limited");
    await db
      .updateTable("letter_signatures")
      .set({ signed_at: new Date(Date.now() - 6 * 60_000) })
      .where("person_id", "=", leader.id)
      .execute();
    expect((await sign(letter.slug, await sessionSigner(leader.id))).kind).toBe("signed");
  });

  test("thirty per address per five minutes", async () => {
    const ip = "203.0.113.51";
    const { leader: earlier } = await createOrgWithLeader(db);
    await earlierSignatures(30, { ip, personId: earlier.id, ageMs: 60_000 });
    const letter = await createOpenLetter(db, staff, []);
    const { leader } = await createOrgWithLeader(db);
    expect((await sign(letter.slug, await sessionSigner(leader.id), { ip })).kind).toBe("rate_limited");
    expect((await sign(letter.slug, await sessionSigner(leader.id), { ip: freshIp() })).kind).toBe("signed");
  });

  test("parallel requests of one person cannot pass the burst limit together", async () => {
    const { leader } = await createOrgWithLeader(db);
    const letters = await Promise.all(Array.from({ length: 6 }, () => createOpenLetter(db, staff, [])));
    const signer = await sessionSigner(leader.id);
    const outcomes = await Promise.all(letters.map((letter) => sign(letter.slug, signer)));
    expect(outcomes.filter((o) => o.kind === "signed")).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === "rate_limited")).toHaveLength(5);
  });

  test("a signature forgets its address once no limit counts it, and erasure forgets it at once", async () => {
    const { leader } = await createOrgWithLeader(db);
    const old = await earlierSignatures(1, { ip: "203.0.113.60", personId: leader.id, ageMs: 6 * 60_000 });
    const { leader: other } = await createOrgWithLeader(db);
    const letter = await createOpenLetter(db, staff, []);
    expect((await sign(letter.slug, await sessionSigner(other.id), { ip: "203.0.113.61" })).kind).toBe(
      "signed",
    );
    expect(await forgetSignerAddresses(db)).toBeGreaterThanOrEqual(1);
    const ips = await db
      .selectFrom("letter_signatures")
      .select(["letter_id", "signer_ip"])
      .where("letter_id", "in", [old.id, letter.id])
      .orderBy("letter_id")
      .execute();
    expect(ips).toEqual([
      { letter_id: old.id, signer_ip: null },
      { letter_id: letter.id, signer_ip: "203.0.113.61" },
    ]);
    await erasePerson(db, staff, other.id);
    const after = await db
      .selectFrom("letter_signatures")
      .select("signer_ip")
      .where("letter_id", "=", letter.id)
      .executeTakeFirstOrThrow();
    expect(after.signer_ip).toBeNull();
  });
});

describe("withdrawing", () => {
  test("the signer can withdraw while open; then another leader can sign; a replayed old form cannot", async () => {
    const { organisation, leader } = await createOrgWithLeader(db);
    const second = await addLeader(db, organisation.id);
    const letter = await createOpenLetter(db, staff, [leader]);
    const token = await invitationToken(db, leader.email);
    const key = formKey();
    expect((await sign(letter.slug, { via: "link", token }, { formKey: key })).kind).toBe("signed");

    const otherSigner = await sessionSigner(second.id);
    expect(
      (await withdrawSignature(db, { slug: letter.slug, signer: otherSigner, appUrl: APP_URL })).kind,
    ).toBe("not_yours");
    expect(
      (await withdrawSignature(db, { slug: letter.slug, signer: { via: "link", token }, appUrl: APP_URL }))
        .kind,
    ).toBe("withdrawn");
    expect(await activeSignatures(letter.id)).toEqual([]);
    expect((await getPublicLetter(db, letter.slug))?.signatories).toEqual([]);
    const notice = await db
      .selectFrom("email_outbox")
      .select("subject")
      .where("to_address", "=", leader.email)
      .where("template", "=", "letter-signature-withdrawn")
      .executeTakeFirstOrThrow();
    expect(notice.subject).toContain(letter.title);

    // Time passes beyond the burst limit.
    await db
      .updateTable("letter_signatures")
      .set({ signed_at: new Date(Date.now() - 60_000) })
      .where("letter_id", "=", letter.id)
      .execute();
    expect((await sign(letter.slug, { via: "link", token }, { formKey: key })).kind).toBe("stale_form");
    expect((await sign(letter.slug, otherSigner)).kind).toBe("signed");
    expect(await activeSignatures(letter.id)).toEqual([
      { organisation_id: organisation.id, person_id: second.id },
    ]);
  });

  test("nothing to withdraw, and no withdrawing once closed", async () => {
    const { leader } = await createOrgWithLeader(db);
    const letter = await createOpenLetter(db, staff, [leader]);
    const token = await invitationToken(db, leader.email);
    expect(
      (await withdrawSignature(db, { slug: letter.slug, signer: { via: "link", token }, appUrl: APP_URL }))
        .kind,
    ).toBe("not_signed");
    expect((await sign(letter.slug, await sessionSigner(leader.id))).kind).toBe("signed");
    await closeLetter(db, staff, letter.id);
    expect(
      (
        await withdrawSignature(db, {
          slug: letter.slug,
          signer: await sessionSigner(leader.id),
          appUrl: APP_URL,
        })
      ).kind,
    ).toBe("closed");
    expect(await activeSignatures(letter.id)).toHaveLength(1);
  });
});

describe("closing", () => {
  test("personal links stop working when the letter closes", async () => {
    const { leader } = await createOrgWithLeader(db);
    const letter = await createOpenLetter(db, staff, [leader]);
    const token = await invitationToken(db, leader.email);
    expect(await getSigningContext(db, letter.slug, { via: "link", token })).not.toBeNull();
    await closeLetter(db, staff, letter.id);
    expect(await getSigningContext(db, letter.slug, { via: "link", token })).toBeNull();
    expect((await sign(letter.slug, { via: "link", token })).kind).toBe("invalid_link");
    const hashes = await db
      .selectFrom("letter_invitations")
      .select("token_hash")
      .where("letter_id", "=", letter.id)
      .execute();
    expect(hashes).toEqual([{ token_hash: null }]);
  });

  test("once the closing date has passed, nobody can sign even before the scheduler closes it", async () => {
    const { leader } = await createOrgWithLeader(db);
    const letter = await createOpenLetter(db, staff, [leader]);
    await db
      .updateTable("letters")
      .set({ closes_at: new Date(Date.now() - 1000) })
      .where("id", "=", letter.id)
      .execute();
    const token = await invitationToken(db, leader.email);
    expect((await sign(letter.slug, { via: "link", token })).kind).toBe("closed");
    expect(await activeSignatures(letter.id)).toEqual([]);
  });

  test("signatures racing the close are either in the frozen list or refused, never lost in between", async () => {
    const signers = await Promise.all(Array.from({ length: 12 }, () => createOrgWithLeader(db)));
    const letter = await createOpenLetter(db, staff, []);
    const signerRefs = await Promise.all(signers.map(({ leader }) => sessionSigner(leader.id)));
    const attempts = signerRefs.map((signer) => sign(letter.slug, signer));
    const close = closeLetter(db, staff, letter.id);
    const outcomes = await Promise.all(attempts);
    await close;
    const signed = outcomes.filter((o) => o.kind === "signed").length;
    expect(signed + outcomes.filter((o) => o.kind === "closed").length).toBe(12);
    const frozen = await db
      .selectFrom("letter_final_signatories")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("letter_id", "=", letter.id)
      .executeTakeFirstOrThrow();
    expect(frozen.n).toBe(signed);
    expect(await activeSignatures(letter.id)).toHaveLength(signed);
  });
});

test("the signature unique index is partial: withdrawn rows stay as history", async () => {
  const { rows } = await sql<{ indexdef: string }>`
    select indexdef from pg_indexes where indexname = 'letter_signatures_one_per_organisation'`.execute(db);
  expect(rows[0]?.indexdef).toMatch(
    /UNIQUE INDEX .* \(letter_id, organisation_id\) WHERE \(withdrawn_at IS NULL\)/,
  );
});
