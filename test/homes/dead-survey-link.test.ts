import { expect, test } from "vitest";
import { openTestDb } from "../db.ts";
import { startTestApp } from "../harness.ts";
import { withText } from "../outbox-text.ts";
import { languageCookieHeader } from "~/utils/language.server.ts";
import {
  createMemberOrg,
  createStaff,
  createSurveyWithQuestions,
  openAndCollectTokens,
  tokenIn,
} from "../surveys/factories.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const staff = await createStaff(db);

const freshLinksTo = async (email: string) =>
  withText(
    await db
      .selectFrom("email_outbox")
      .select(["template", "props", "text", "subject"])
      .where("to_address", "=", email)
      .where("subject", "like", "Reminder:%")
      .execute(),
  );

test("a dead link's page offers a fresh link by email; the answer is the same whoever asks", async () => {
  const dead = await site.get(`/s/${"x".repeat(43)}`);
  expect(dead.status).toBe(404);
  expect(dead.text).toContain("This survey link does not work");
  expect(dead.text).toMatch(/<form[^>]*action="\/survey-link"/);

  const { people } = await createMemberOrg(db, { serviceArea: "libraries" });
  const invited = people[0];
  if (!invited) throw new Error("invited");
  const survey = await createSurveyWithQuestions(db, staff, { serviceAreas: ["libraries"] });
  const { tokens } = await openAndCollectTokens(db, staff, survey.id);
  const original = tokens.get(invited.email) ?? "";

  const asked = await site.post(
    "/survey-link",
    { email: invited.email.toUpperCase() },
    { ip: "198.51.100.1" },
  );
  const stranger = await site.post("/survey-link", { email: "nobody@example.org" }, { ip: "198.51.100.2" });
  expect(asked.status).toBe(302);
  expect(stranger.status).toBe(302);
  expect(asked.location).toBe(stranger.location);
  expect((await site.get(asked.location ?? "")).text).toContain("If that address was invited");

  const [email] = await freshLinksTo(invited.email);
  if (!email) throw new Error("no fresh link");
  expect(email.subject).toContain(survey.title);
  const fresh = tokenIn(email.text);
  expect(fresh).not.toBe(original);
  expect((await site.get(`/s/${fresh}`)).status).toBe(200);
  // The invitation's own link keeps working.
  expect((await site.get(`/s/${original}`)).status).toBe(200);
  expect(await freshLinksTo("nobody@example.org")).toEqual([]);
});

test("an empty or malformed address is a 400 that keeps the typing", async () => {
  const refused = await site.post("/survey-link", { email: "" });
  expect(refused.status).toBe(400);
  expect(refused.data).toMatchObject({ errors: { email: expect.stringMatching(/Enter an email address/) } });
});

test("rate limited per address: a flood sends three links an hour, and still answers the same", async () => {
  const { people } = await createMemberOrg(db, { serviceArea: "housing" });
  const invited = people[0];
  if (!invited) throw new Error("invited");
  const survey = await createSurveyWithQuestions(db, staff, { serviceAreas: ["housing"] });
  await openAndCollectTokens(db, staff, survey.id);
  for (let n = 0; n < 5; n++) {
    const answer = await site.post("/survey-link", { email: invited.email }, { ip: `198.51.100.${10 + n}` });
    expect(answer.location).toBe("/survey-link?sent=1");
  }
  expect(await freshLinksTo(invited.email)).toHaveLength(3);
});

test("a member who chose Welsh sees the dead-link page and the fresh-link page in Welsh", async () => {
  const welsh = (await languageCookieHeader({ NODE_ENV: "test" }, "cy")).split(";")[0] ?? "";
  const dead = await site.get(`/s/${"y".repeat(43)}`, { headers: { Cookie: welsh } });
  expect(dead.status).toBe(404);
  expect(dead.text).toContain('<html lang="cy">');
  expect(dead.text).toContain("Nid yw&#x27;r ddolen arolwg hon yn gweithio");
  expect(dead.text).toContain("Anfon dolen newydd ataf");
  expect(dead.text).toContain("Neidio i&#x27;r prif gynnwys");
  expect(dead.text).not.toContain("This survey link does not work");
  expect(dead.text).not.toContain("Skip to main content");
  const page = await site.get("/survey-link", { headers: { Cookie: welsh } });
  expect(page.text).toContain("Cael dolen arolwg newydd");
  const refused = await site.post(
    "/survey-link",
    { email: "not an address" },
    { headers: { Cookie: welsh } },
  );
  expect(refused.status).toBe(400);
  // Without a choice, English as before.
  expect((await site.get(`/s/${"y".repeat(43)}`)).text).toContain('<html lang="en-GB">');
});
