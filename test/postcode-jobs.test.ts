import { describe, expect, test } from "vitest";
import { z } from "zod";
import { runRequestedPostcodeLookups } from "~/models/directory/postcode-lookups.server.ts";
import { createPostcodesClient } from "~/services/postcodes.server.ts";
import { openTestDb } from "./db.ts";
import { makeOrganisation, makeStaff, uniqueName } from "./directory-factories.ts";
import { startTestApp } from "./harness.ts";
import { POSTCODES_URL, postcodesServerError, requestsSeen } from "./mocks/postcodes.ts";
import { server } from "./mocks/server.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const staff = await makeStaff(db);
const client = createPostcodesClient({ baseUrl: POSTCODES_URL });

const lookupSchema = z.object({
  postcodeLookup: z
    .object({ state: z.string(), progress: z.string().nullable(), error: z.string().nullable() })
    .nullable(),
});

const organisationPage = async (id: number) =>
  lookupSchema.parse((await site.load(`/directory/${id}?index`, { as: staff })).data);

describe("postcode lookups run in the background, not in the request", () => {
  test("adding an organisation asks for its lookup; the loop runs it and the page shows each stage", async () => {
    const before = requestsSeen.bulk.length + requestsSeen.single.length;
    const created = await site.post(
      "/directory/new",
      {
        name: uniqueName("Background"),
        legalForm: "community_interest_company",
        serviceArea: "health",
        postcode: "cf104uw",
        staffCount: "10",
        publicIncomeGbp: "1000",
        membershipStatus: "active",
        joinedOn: "",
      },
      { as: staff },
    );
    const id = Number(/\/directory\/(\d+)$/.exec(created.location ?? "")?.[1]);
    // The request asked postcodes.io nothing.
    expect(requestsSeen.bulk.length + requestsSeen.single.length).toBe(before);
    expect((await organisationPage(id)).postcodeLookup).toMatchObject({ state: "queued" });

    expect(await runRequestedPostcodeLookups(db, client)).toBe(1);
    expect((await organisationPage(id)).postcodeLookup).toMatchObject({
      state: "done",
      progress: "1 found, 0 not found",
    });
    const org = await db
      .selectFrom("organisations")
      .select(["postcode_status", "local_authority"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(org).toEqual({ postcode_status: "found", local_authority: "Cardiff" });
  });

  test("when postcodes.io is down the lookup is shown failed with the reason, and the postcode stays queued", async () => {
    const org = await makeOrganisation(db, { postcode: "BS1 5TR" });
    server.use(...postcodesServerError);
    const asked = await site.post(`/directory/${org.id}?index`, { intent: "lookup" }, { as: staff });
    expect(asked.location).toBe(`/directory/${org.id}`);
    expect(await runRequestedPostcodeLookups(db, client)).toBe(1);
    const { postcodeLookup } = await organisationPage(org.id);
    expect(postcodeLookup?.state).toBe("failed");
    expect(postcodeLookup?.error).toMatch(/postcodes\.io did not answer .*tried again automatically/);
    const page = await site.get(`/directory/${org.id}`, { as: staff });
    expect(page.text).toContain("Failed");
    const row = await db
      .selectFrom("organisations")
      .select("postcode_status")
      .where("id", "=", org.id)
      .executeTakeFirstOrThrow();
    expect(row.postcode_status).toBe("pending");
  });
});
