import { describe, expect, test } from "vitest";
import { createCampaign } from "~/models/campaigns/campaigns.server.ts";
import { addItemToCampaign, campaignsOfItem, createInCampaign } from "~/models/campaigns/choices.server.ts";
import { campaignStamp, editCampaign } from "~/models/campaigns/editing.server.ts";
import { moveCampaign } from "~/models/campaigns/lifecycle.server.ts";
import { adoptIntoCampaign, linkedItemTitle, linkToCampaign } from "~/models/campaigns/links.server.ts";
import { createManualConsultation } from "~/models/consultations/manual.server.ts";
import { createLetter } from "~/models/letters/letters.server.ts";
import type { CampaignInput } from "~/schemas/campaigns.ts";
import { dayFromNow, welshConsultation } from "../consultations/helpers.ts";
import { openTestDb } from "../db.ts";
import { startTestApp } from "../harness.ts";
import { memberPerson, newPosition } from "../positions-fixtures.ts";
import { createStaff } from "../surveys/factories.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const staff = await createStaff(db);
let names = 0;

const startCampaign = (overrides: Partial<CampaignInput> = {}) =>
  createCampaign(db, staff, {
    name: `Commissioning for social value ${++names}`,
    ask: "Weight social value in every council contract.",
    ownerId: staff.id,
    targets: ["councils"],
    topics: ["commissioning"],
    ...overrides,
  });

const closedCampaign = async () => {
  const campaign = await startCampaign();
  return moveCampaign(db, staff, campaign.id, "close");
};

const linksOf = (campaignId: number) =>
  db
    .selectFrom("campaign_links")
    .select(["kind", "item_id"])
    .where("campaign_id", "=", campaignId)
    .orderBy("kind")
    .execute();

const auditOf = (campaignId: number) =>
  db
    .selectFrom("audit_log")
    .select(["action", "before", "after"])
    .where("subject_type", "=", "campaign")
    .where("subject_id", "=", String(campaignId))
    .orderBy("id")
    .execute();

const draftLetter = { title: "", addressee: "The Chancellor", body: "Dear Chancellor,", closesOn: null };

describe("campaigns: chosen when an item is created, or later", () => {
  test("an item created with a campaign is linked in the same transaction and audited like a later link", async () => {
    const campaign = await startCampaign();
    const { item, campaignSlug } = await createInCampaign(db, staff, campaign.id, "letter", (trx) =>
      createLetter(trx, staff, { ...draftLetter, title: "Letter made in a campaign", signatureGoal: null }),
    );
    expect(campaignSlug).toBe(campaign.slug);
    expect(await linksOf(campaign.id)).toEqual([{ kind: "letter", item_id: item.id }]);
    const audit = await auditOf(campaign.id);
    expect(audit.at(-1)).toMatchObject({
      action: "campaign.linked",
      after: { kind: "letter", itemId: item.id, title: "Letter made in a campaign" },
    });
    expect(await campaignsOfItem(db, staff, "letter", item.id)).toEqual([
      { id: campaign.id, slug: campaign.slug, name: campaign.name },
    ]);
  });

  test("an unknown or closed campaign refuses the create on its field, and nothing is created", async () => {
    const closed = await closedCampaign();
    for (const campaignId of [closed.id, 2_000_000_000]) {
      const before = await db
        .selectFrom("letters")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .execute();
      await expect(
        createInCampaign(db, staff, campaignId, "letter", (trx) =>
          createLetter(trx, staff, { ...draftLetter, title: "Never made", signatureGoal: null }),
        ),
      ).rejects.toMatchObject({
        status: 400,
        fieldErrors: { campaignId: "Choose a campaign from the list" },
      });
      const after = await db
        .selectFrom("letters")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .execute();
      expect(Number(after[0]?.n)).toBe(Number(before[0]?.n));
    }
    const position = await newPosition(db, staff, { title: "Too late for a closed campaign" });
    await expect(
      addItemToCampaign(db, staff, closed.id, { kind: "position", itemId: position.id }),
    ).rejects.toMatchObject({ status: 400 });
  });

  test("the create forms offer the campaign, refuse a closed one with a 400 that keeps the typing, and link a good one", async () => {
    const campaign = await startCampaign();
    const closed = await closedCampaign();
    const consultationId = await createManualConsultation(
      db,
      staff,
      welshConsultation({ title: "Social value in Welsh contracts", closesOn: dayFromNow(40) }),
    );
    const forms: { path: string; fields: Record<string, string | string[]>; kind: string }[] = [
      {
        path: "/positions/new",
        kind: "position",
        fields: {
          title: "Social value weighting",
          summary: "Ten per cent at least.",
          topics: ["commissioning"],
          ownerId: String(staff.id),
          body: "Councils should weight social value.",
        },
      },
      {
        path: "/surveys/new",
        kind: "survey",
        fields: { title: "How councils weigh social value", mode: "organisation", anonymity: "named" },
      },
      {
        path: "/manage/letters/new",
        kind: "letter",
        fields: { title: "Weigh social value", addressee: "Council leaders", body: "Dear leaders," },
      },
      {
        path: "/evidence/new?kind=source",
        kind: "evidence",
        fields: {
          kind: "source",
          label: "Social value act review",
          title: "Review of the Social Value Act",
          publisher: "Cabinet Office",
          url: "https://www.gov.uk/social-value",
        },
      },
      {
        path: `/submissions/new?consultation=${consultationId}`,
        kind: "submission",
        fields: {
          intent: "create",
          consultationId: String(consultationId),
          government: "welsh_government",
          leadId: String(staff.id),
          internalDeadline: dayFromNow(20),
          questions: "1. Should social value count?",
        },
      },
    ];
    for (const form of forms) {
      const page = await site.get(form.path, { as: staff });
      expect(page.text, form.path).toContain("Campaign (optional)");
      expect(page.text, form.path).toContain(campaign.name);
      expect(page.text, form.path).not.toContain(closed.name);

      const refused = await site.post(
        form.path,
        { ...form.fields, campaignId: String(closed.id) },
        { as: staff },
      );
      expect(refused.status, form.path).toBe(400);
      expect(refused.data, form.path).toMatchObject({
        errors: { campaignId: "Choose a campaign from the list" },
      });
      const typed = Object.entries(form.fields).find(([, value]) => typeof value === "string");
      expect(refused.data, form.path).toMatchObject({ values: { [typed?.[0] ?? ""]: typed?.[1] } });

      const junk = await site.post(form.path, { ...form.fields, campaignId: "12abc" }, { as: staff });
      expect(junk.status, form.path).toBe(400);

      const made = await site.post(
        form.path,
        { ...form.fields, campaignId: String(campaign.id) },
        { as: staff },
      );
      expect([302, 303], form.path).toContain(made.status);
    }
    expect((await linksOf(campaign.id)).map((link) => link.kind)).toEqual([
      "evidence",
      "letter",
      "position",
      "submission",
      "survey",
    ]);
    expect(await linksOf(closed.id)).toEqual([]);
  });

  test("a response's form starts on the campaign its consultation was adopted into", async () => {
    const campaign = await startCampaign();
    const consultationId = await createManualConsultation(
      db,
      staff,
      welshConsultation({ title: "Social value in Welsh procurement", closesOn: dayFromNow(35) }),
    );
    await adoptIntoCampaign(db, staff, campaign.id, consultationId);
    const page = await site.get(`/submissions/new?consultation=${consultationId}`, { as: staff });
    expect(page.text).toContain(`<option value="${campaign.id}" selected="">`);
  });

  test("later, from the item's own page: it lists its campaigns and adds it to another", async () => {
    const campaign = await startCampaign();
    const closed = await closedCampaign();
    const position = await newPosition(db, staff, { title: "Added later" });
    const own = await site.get(`/positions/${position.slug}`, { as: staff });
    expect(own.text).toContain(`/campaign-links/new?kind=position&amp;item=${position.id}`);

    const page = await site.get(`/campaign-links/new?kind=position&item=${position.id}`, { as: staff });
    expect(page.status).toBe(200);
    expect(page.text).toContain("Added later");
    expect(page.text).not.toContain(closed.name);
    expect((await site.get("/campaign-links/new?kind=consultation&item=1", { as: staff })).status).toBe(404);
    const member = await memberPerson(db, "Mo Member");
    expect(
      (await site.get(`/campaign-links/new?kind=position&item=${position.id}`, { as: member })).status,
    ).toBe(403);

    const refused = await site.post(
      "/campaign-links/new",
      { kind: "position", itemId: String(position.id), campaignId: String(closed.id) },
      { as: staff },
    );
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ errors: { campaignId: "Choose a campaign from the list" } });

    const added = await site.post(
      "/campaign-links/new",
      { kind: "position", itemId: String(position.id), campaignId: String(campaign.id) },
      { as: staff },
    );
    expect(added.status).toBe(303);
    expect(added.location).toBe(`/positions/${position.slug}`);
    expect(await linksOf(campaign.id)).toEqual([{ kind: "position", item_id: position.id }]);
    expect((await site.get(`/positions/${position.slug}`, { as: staff })).text).toContain(campaign.name);
  });
});

describe("campaigns: editing, and asking before unlinking", () => {
  test("an edit changes the fields, audited with both sides; the state moves through the lifecycle table", async () => {
    const campaign = await startCampaign();
    const edited = await editCampaign(db, staff, campaign.id, {
      name: "Social value, weighed",
      ask: campaign.ask,
      targets: ["councils", "welsh_government"],
      topics: campaign.topics,
      ownerId: staff.id,
      state: "paused",
      stamp: campaign.updatedAt.getTime(),
    });
    expect(edited).toMatchObject({ name: "Social value, weighed", state: "paused", slug: campaign.slug });
    const audit = await auditOf(campaign.id);
    expect(audit.slice(-2)).toMatchObject([
      {
        action: "campaign.updated",
        before: { name: campaign.name, targets: ["councils"] },
        after: { name: "Social value, weighed", targets: ["councils", "welsh_government"] },
      },
      { action: "campaign.paused", before: { state: "active" }, after: { state: "paused" } },
    ]);
    expect(audit.at(-2)?.after).not.toHaveProperty("ask");

    // Closed goes back only by reopening: the table has no move from closed to paused.
    const closed = await moveCampaign(db, staff, campaign.id, "close");
    await expect(
      editCampaign(db, staff, campaign.id, {
        ...closed,
        state: "paused",
        stamp: closed.updatedAt.getTime(),
      }),
    ).rejects.toMatchObject({
      status: 400,
      fieldErrors: { state: "A closed campaign cannot become paused" },
    });
    const member = await memberPerson(db, "Meddwl Member");
    await expect(
      editCampaign(db, member, campaign.id, {
        ...closed,
        state: "closed",
        stamp: closed.updatedAt.getTime(),
      }),
    ).rejects.toMatchObject({ status: 404 });
  });

  test("a stale save is refused, never applied; a bad owner is a field error", async () => {
    const campaign = await startCampaign();
    const stamp = campaign.updatedAt.getTime();
    await editCampaign(db, staff, campaign.id, { ...campaign, name: "First editor", state: "active", stamp });
    await expect(
      editCampaign(db, staff, campaign.id, { ...campaign, name: "Second editor", state: "active", stamp }),
    ).rejects.toMatchObject({ status: 409 });
    const now = await db
      .selectFrom("campaigns")
      .select("name")
      .where("id", "=", campaign.id)
      .executeTakeFirst();
    expect(now?.name).toBe("First editor");
    const member = await memberPerson(db, "Owen Owner");
    const fresh = await db
      .selectFrom("campaigns")
      .select("updated_at")
      .where("id", "=", campaign.id)
      .executeTakeFirstOrThrow();
    await expect(
      editCampaign(db, staff, campaign.id, {
        ...campaign,
        ownerId: member.id,
        state: "active",
        stamp: fresh.updated_at.getTime(),
      }),
    ).rejects.toMatchObject({ status: 400, fieldErrors: { ownerId: "Choose an owner from the list" } });
  });

  test("the edit page: a 400 keeps the typing, a stale save is a 409 that keeps it, a good save lands on the campaign", async () => {
    const campaign = await startCampaign();
    const path = `/campaigns/${campaign.slug}/edit`;
    const page = await site.get(path, { as: staff });
    expect(page.status).toBe(200);
    expect(page.text).toContain(`value="${campaignStamp(campaign)}"`);
    const fields = {
      name: "Social value everywhere",
      ask: campaign.ask,
      targets: ["councils"],
      topics: ["commissioning"],
      ownerId: String(staff.id),
      state: "active",
      stamp: campaignStamp(campaign),
    };
    const bad = await site.post(path, { ...fields, ask: "", state: "exploded" }, { as: staff });
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({
      values: { name: "Social value everywhere" },
      errors: { ask: "Enter the ask", state: "Choose a state from the list" },
    });
    const good = await site.post(path, fields, { as: staff });
    expect(good.status).toBe(303);
    expect(good.location).toBe(`/campaigns/${campaign.slug}`);
    const stale = await site.post(path, { ...fields, name: "Someone else's idea" }, { as: staff });
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({ values: { name: "Someone else's idea" } });
    const member = await memberPerson(db, "Edna Editor");
    expect((await site.get(path, { as: member })).status).toBe(403);
  });

  test("unlinking and closing ask first on the campaign page; the confirmation sends the unlink", async () => {
    const campaign = await startCampaign();
    const position = await newPosition(db, staff, { title: "Asked before it goes" });
    await linkToCampaign(db, staff, campaign.id, { kind: "position", itemId: position.id });
    expect(await linkedItemTitle(db, staff, campaign.id, { kind: "position", itemId: position.id })).toBe(
      "Asked before it goes",
    );
    expect(await linkedItemTitle(db, staff, campaign.id, { kind: "letter", itemId: position.id })).toBeNull();

    const plain = await site.get(`/campaigns/${campaign.slug}`, { as: staff });
    expect(plain.text).toContain(`?unlink=position&amp;item=${position.id}`);
    expect(plain.text).not.toContain("Yes, unlink it");
    const asking = await site.get(`/campaigns/${campaign.slug}?unlink=position&item=${position.id}`, {
      as: staff,
    });
    expect(asking.text).toContain("Unlink “Asked before it goes”?");
    expect(asking.text).toContain("Yes, unlink it");
    // An item the campaign does not hold asks nothing.
    const other = await site.get(`/campaigns/${campaign.slug}?unlink=letter&item=${position.id}`, {
      as: staff,
    });
    expect(other.text).not.toContain("Yes, unlink it");
    const closing = await site.get(`/campaigns/${campaign.slug}?confirm=close`, { as: staff });
    expect(closing.text).toContain("Yes, close it");

    const unlinked = await site.post(
      `/campaigns/${campaign.slug}`,
      { intent: "unlink", kind: "position", itemId: String(position.id) },
      { as: staff },
    );
    expect(unlinked.status).toBe(303);
    expect(await linksOf(campaign.id)).toEqual([]);
  });
});
