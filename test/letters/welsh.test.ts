import { describe, expect, test } from "vitest";
import { closeLetter, deliverLetter, openLetter } from "~/models/letters/lifecycle.server.ts";
import {
  queueSignatureConfirmations,
  signLetter,
  withdrawSignature,
} from "~/models/letters/signing.server.ts";
import { saveLetterWelsh } from "~/models/letters/welsh.server.ts";
import { letterWelshSchema } from "~/schemas/welsh.ts";
import { languageCookie, languageCookieHeader } from "~/utils/language.server.ts";
import { openTestDb } from "../db.ts";
import { startTestApp } from "../harness.ts";
import {
  APP_URL,
  createDraft,
  createOrgWithLeader,
  createStaff,
  formKey,
  invitationToken,
} from "./factories.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const staff = await createStaff(db);

/** The Cookie header of a browser whose reader chose Welsh. */
const WELSH = (await languageCookieHeader({ NODE_ENV: "test" }, "cy")).split(";")[0] ?? "";

async function bilingualOpenLetter(
  welsh: { titleCy?: string; bodyCy?: string },
  others: readonly { id: number }[] = [],
) {
  const { leader } = await createOrgWithLeader(db);
  const draft = await createDraft(db, staff);
  const form = letterWelshSchema.parse({ version: String(draft.version), bilingual: "yes", ...welsh });
  const saved = await saveLetterWelsh(db, staff, draft.id, form);
  const { letter } = await openLetter(
    db,
    staff,
    draft.id,
    { audience: "chosen", nations: [], personIds: [leader.id, ...others.map((other) => other.id)] },
    APP_URL,
  );
  return { saved, letter, leader };
}

describe("a bilingual open letter", () => {
  test("keeps its Welsh title and body beside the English, and only while it is a draft", async () => {
    const { saved, letter } = await bilingualOpenLetter({
      titleCy: "Dileu TAW ar wasanaethau a rennir",
      bodyCy: "Annwyl Ganghellor,\n\nRydym ni, arweinwyr **cwmnïau cydfuddiannol**, yn gofyn i chi.",
    });
    expect(saved).toMatchObject({ bilingual: true, titleCy: "Dileu TAW ar wasanaethau a rennir" });
    const later = letterWelshSchema.parse({ version: String(letter.version), titleCy: "Newydd" });
    await expect(saveLetterWelsh(db, staff, letter.id, later)).rejects.toMatchObject({ kind: "conflict" });
  });

  test("its public and signing pages show the Welsh to a reader who chose Welsh, and the English to others", async () => {
    const { letter, leader } = await bilingualOpenLetter({
      titleCy: "Dileu TAW ar wasanaethau a rennir",
      bodyCy: "Annwyl Ganghellor,\n\nRydym ni, arweinwyr **cwmnïau cydfuddiannol**, yn gofyn i chi.",
    });
    const page = `/letters/${letter.slug}`;
    const english = await site.get(page);
    const welsh = await site.get(page, { headers: { Cookie: WELSH } });
    expect(english.text).toContain(`<h1 lang="en">${letter.title}</h1>`);
    expect(welsh.text).toContain('<h1 lang="cy">Dileu TAW ar wasanaethau a rennir</h1>');
    expect(welsh.text).toContain("<strong>cwmnïau cydfuddiannol</strong>");
    expect(welsh.text).toMatch(/<article[^>]*lang="cy"/);
    // A cache must not answer a Welsh reader with the English page.
    expect(welsh.headers.get("ETag")).not.toBe(english.headers.get("ETag"));
    expect(welsh.headers.get("Vary")).toBe("Cookie");

    // The invitation carries both languages.
    const invitation = await db
      .selectFrom("email_outbox")
      .select("template")
      .where("to_address", "=", leader.email)
      .executeTakeFirstOrThrow();
    expect(invitation.template).toBe("letter-invitation-bilingual");
    const token = await invitationToken(db, leader.email);
    const signing = await site.get(`${page}/sign?token=${token}`, { headers: { Cookie: WELSH } });
    expect(signing.text).toContain('<h1 lang="cy">Dileu TAW ar wasanaethau a rennir</h1>');
  });

  test("the pages around a Welsh letter are Welsh too: header, footer, buttons and figures", async () => {
    const { letter, leader } = await bilingualOpenLetter({ titleCy: "Teitl", bodyCy: "Annwyl Ganghellor," });
    const page = `/letters/${letter.slug}`;
    const welsh = (await site.get(page, { headers: { Cookie: WELSH } })).text;
    expect(welsh).toContain('<html lang="cy">');
    for (const words of [
      "Neidio i'r prif gynnwys",
      "Llythyrau agored",
      "Llofnodi'r llythyr hwn",
      "Llofnodwyr",
    ]) {
      expect(welsh).toContain(words.replace("'", "&#x27;"));
    }
    for (const words of ["Skip to main content", "Sign this letter", "Signatories", "Open for signatures"]) {
      expect(welsh).not.toContain(words);
    }
    const english = (await site.get(page)).text;
    expect(english).toContain('<html lang="en-GB">');
    expect(english).toContain("Sign this letter");

    const token = await invitationToken(db, leader.email);
    const signing = (await site.get(`${page}/sign?token=${token}`, { headers: { Cookie: WELSH } })).text;
    expect(signing).toContain("Gwiriwch eich manylion, yna llofnodwch");
    expect(signing).not.toContain("Check your details");
    // A refusal is said in Welsh as well: withdrawing a signature never made.
    const refused = await site.post(
      `${page}/sign?token=${token}`,
      { intent: "withdraw", formKey: "k".repeat(32) },
      { headers: { Cookie: WELSH } },
    );
    expect(refused.status).toBe(409);
    expect(refused.data.notice).toEqual({ tone: "error", text: "Nid oes llofnod gennych i'w dynnu'n ôl." });
  });

  test("the signed, withdrawn and delivered emails of a bilingual letter are bilingual", async () => {
    const { leader: second } = await createOrgWithLeader(db);
    const { letter, leader } = await bilingualOpenLetter(
      { titleCy: "Dileu TAW", bodyCy: "Annwyl Ganghellor," },
      [second],
    );
    const templatesTo = async (email: string) =>
      (
        await db
          .selectFrom("email_outbox")
          .select("template")
          .where("to_address", "=", email)
          .orderBy("id")
          .execute()
      ).map((row) => row.template);
    const sign = async (actor: typeof leader, ip: string) =>
      (
        await signLetter(db, {
          slug: letter.slug,
          signer: { via: "session", actor },
          formKey: formKey(),
          ip,
          appUrl: APP_URL,
        })
      ).kind;
    expect(await sign(leader, "192.0.2.77")).toBe("signed");
    const withdrawn = await withdrawSignature(db, {
      slug: letter.slug,
      signer: { via: "session", actor: leader },
      appUrl: APP_URL,
    });
    expect(withdrawn.kind).toBe("withdrawn");
    expect(await sign(second, "192.0.2.78")).toBe("signed");
    await queueSignatureConfirmations(db);
    await closeLetter(db, staff, letter.id);
    await deliverLetter(
      db,
      staff,
      letter.id,
      {
        recipient: "HM Treasury",
        method: "email",
        deliveredOn: new Date().toISOString().slice(0, 10),
        reference: null,
        notes: null,
        correctsId: null,
      },
      APP_URL,
    );
    expect(await templatesTo(leader.email)).toEqual([
      "letter-invitation-bilingual",
      "letter-signature-withdrawn-bilingual",
    ]);
    expect(await templatesTo(second.email)).toEqual([
      "letter-invitation-bilingual",
      "letter-signed-bilingual",
      "letter-delivered-bilingual",
    ]);
    const delivered = await db
      .selectFrom("email_outbox")
      .select("props")
      .where("to_address", "=", second.email)
      .where("template", "=", "letter-delivered-bilingual")
      .executeTakeFirstOrThrow();
    expect(delivered.props).toMatchObject({
      titleCy: "Dileu TAW",
      figuresCy: expect.stringMatching(/^1 cydfuddiant/),
    });
  });

  test("an untranslated body falls back to the English, marked lang=en", async () => {
    const { letter } = await bilingualOpenLetter({ titleCy: "Teitl yn unig" });
    const welsh = await site.get(`/letters/${letter.slug}`, { headers: { Cookie: WELSH } });
    expect(welsh.text).toContain('<h1 lang="cy">Teitl yn unig</h1>');
    expect(welsh.text).toMatch(/<article[^>]*lang="en"/);
  });
});

describe("the language switch", () => {
  test("remembers the choice in a cookie and goes back to the page, only ever on this site", async () => {
    const switched = await site.post(
      "/language",
      { language: "cy", returnTo: "/letters?page=2" },
      { reloadDocument: true },
    );
    expect(switched.status).toBe(303);
    expect(switched.location).toBe("/letters?page=2");
    const setCookie = switched.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/^mv_lang=[^;]+;.*HttpOnly/i);
    expect(await languageCookie(false).parse(setCookie.split(";")[0] ?? "")).toBe("cy");
    const away = await site.post(
      "/language",
      { language: "en", returnTo: "//evil.example/" },
      { reloadDocument: true },
    );
    expect(away.location).toBe("/");
    const bad = await site.post("/language", { language: "fr", returnTo: "/" }, { reloadDocument: true });
    expect(bad.status).toBe(400);
  });
});
