import { beforeEach, describe, expect, test } from "vitest";
import { lookUpPendingPostcodes } from "~/models/directory/postcode-lookups.server.ts";
import { updateOrganisation } from "~/models/directory/organisations.server.ts";
import { createPostcodesClient, PostcodesUnavailable } from "~/services/postcodes.server.ts";
import { openTestDb } from "./db.ts";
import { makeOrganisation } from "./directory-factories.ts";
import {
  postcodesServerError,
  postcodesSlow,
  postcodesUnreachable,
  POSTCODES_URL,
  requestsSeen,
} from "./mocks/postcodes.ts";
import { server } from "./mocks/server.ts";

const { db } = await openTestDb();
const client = createPostcodesClient({ baseUrl: POSTCODES_URL });

beforeEach(() => {
  requestsSeen.single.length = 0;
  requestsSeen.bulk.length = 0;
});

describe("the postcodes.io client", () => {
  test("looks up one postcode in any spacing or case", async () => {
    expect(await client.lookup("cf104uw")).toEqual({
      postcode: "CF10 4UW",
      nation: "wales",
      localAuthority: "Cardiff",
      localAuthorityCode: "W06000015",
      constituency: "Cardiff South and Penarth",
    });
  });

  test("a 404 (unknown or terminated postcode) is null, not an error", async () => {
    expect(await client.lookup("ZZ9 9ZZ")).toBeNull();
  });

  test("bulk lookups answer for every postcode, null for the unknown and for places outside the four nations", async () => {
    const found = await client.lookupMany(["BS1 5TR", "ZZ9 9ZZ", "BT1 5GS", "GY1 1FH", "EH8 8BG"]);
    expect(found.get("BS1 5TR")?.nation).toBe("england");
    expect(found.get("BT1 5GS")).toMatchObject({
      nation: "northern_ireland",
      localAuthorityCode: "N09000003",
    });
    expect(found.get("EH8 8BG")).toMatchObject({
      nation: "scotland",
      constituency: "Edinburgh East and Musselburgh",
    });
    expect(found.get("ZZ9 9ZZ")).toBeNull();
    expect(found.get("GY1 1FH")).toBeNull();
    expect(requestsSeen.bulk).toHaveLength(1);
  });

  test("refuses more than 100 postcodes in one request", async () => {
    await expect(client.lookupMany(Array.from({ length: 101 }, () => "BS1 5TR"))).rejects.toThrow(RangeError);
  });

  test("a 500, a dropped connection and a timeout all mean: try again later", async () => {
    server.use(...postcodesServerError);
    await expect(client.lookupMany(["BS1 5TR"])).rejects.toThrow(PostcodesUnavailable);
    await expect(client.lookup("BS1 5TR")).rejects.toThrow(/500/);
    server.use(...postcodesUnreachable);
    await expect(client.lookupMany(["BS1 5TR"])).rejects.toThrow(PostcodesUnavailable);
    server.use(...postcodesSlow(2_000));
    const impatient = createPostcodesClient({ baseUrl: POSTCODES_URL, timeoutMs: 50 });
    await expect(impatient.lookupMany(["BS1 5TR"])).rejects.toThrow(/no answer within 50 ms/);
  });
});

async function postcodeState(id: number) {
  return db
    .selectFrom("organisations")
    .select([
      "postcode_status",
      "nation",
      "local_authority",
      "local_authority_code",
      "constituency",
      "postcode_attempts",
      "postcode_next_attempt_at",
      "postcode_error",
    ])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

describe("the postcode lookup queue", () => {
  test("fills the place of a found postcode and flags an unknown one, with an audit row each", async () => {
    const found = await makeOrganisation(db, { postcode: "DL1 5QT" });
    const unknown = await makeOrganisation(db, { postcode: "SW1A 9ZZ" });
    expect(found.postcodeStatus).toBe("pending");
    const counts = await lookUpPendingPostcodes(db, client, { organisationIds: [found.id, unknown.id] });
    expect(counts).toEqual({ found: 1, notFound: 1, deferred: 0 });
    expect(await postcodeState(found.id)).toMatchObject({
      postcode_status: "found",
      nation: "england",
      local_authority: "Darlington",
      local_authority_code: "E06000005",
      constituency: "Darlington",
      postcode_next_attempt_at: null,
    });
    expect(await postcodeState(unknown.id)).toMatchObject({ postcode_status: "not_found", nation: null });
    const audits = await db
      .selectFrom("audit_log")
      .select(["action", "subject_id"])
      .where("subject_id", "in", [String(found.id), String(unknown.id)])
      .where("action", "like", "organisation.postcode%")
      .orderBy("id")
      .execute();
    expect(audits.map((row) => row.action)).toEqual([
      "organisation.postcode_found",
      "organisation.postcode_not_found",
    ]);
  });

  test("when postcodes.io fails the rows stay pending with a backoff, and a later run fills them", async () => {
    const org = await makeOrganisation(db, { postcode: "BS1 5TR" });
    server.use(...postcodesServerError);
    const failed = await lookUpPendingPostcodes(db, client, { organisationIds: [org.id] });
    expect(failed).toEqual({ found: 0, notFound: 0, deferred: 1, error: expect.any(String) });
    const waiting = await postcodeState(org.id);
    expect(waiting).toMatchObject({ postcode_status: "pending", postcode_attempts: 1 });
    expect(waiting.postcode_error).toMatch(/500/);
    expect(waiting.postcode_next_attempt_at?.getTime()).toBeGreaterThan(Date.now() + 20_000);
    // Not due yet: the next run leaves it alone rather than hammering a failing service.
    server.resetHandlers();
    expect(await lookUpPendingPostcodes(db, client, { organisationIds: [org.id] })).toEqual({
      found: 0,
      notFound: 0,
      deferred: 0,
    });
    await db
      .updateTable("organisations")
      .set({ postcode_next_attempt_at: new Date(Date.now() - 1000) })
      .where("id", "=", org.id)
      .execute();
    expect(await lookUpPendingPostcodes(db, client, { organisationIds: [org.id] })).toEqual({
      found: 1,
      notFound: 0,
      deferred: 0,
    });
    expect(await postcodeState(org.id)).toMatchObject({
      postcode_status: "found",
      local_authority: "Bristol, City of",
      postcode_error: null,
    });
  });

  test("asks in bulk requests of at most 100 postcodes", async () => {
    const orgs = await db.transaction().execute(async (trx) => {
      const made = [];
      for (let i = 0; i < 130; i++)
        made.push(await makeOrganisation(trx, { postcode: i % 2 ? "BS1 5TR" : "ZZ9 9ZZ" }));
      return made;
    });
    const counts = await lookUpPendingPostcodes(db, client, { organisationIds: orgs.map((org) => org.id) });
    expect(counts).toEqual({ found: 65, notFound: 65, deferred: 0 });
    expect(requestsSeen.bulk.length).toBe(2);
    expect(requestsSeen.bulk.every((batch) => batch.length <= 100)).toBe(true);
  });

  test("a postcode changed while a lookup was on its way keeps the newer lookup", async () => {
    const org = await makeOrganisation(db, { postcode: "BS1 5TR" });
    const slowClient = {
      ...client,
      async lookupMany(postcodes: readonly string[]) {
        await updateOrganisation(db, null, org.id, { postcode: "CF10 4UW" });
        return client.lookupMany(postcodes);
      },
    };
    await lookUpPendingPostcodes(db, slowClient, { organisationIds: [org.id] });
    expect(await postcodeState(org.id)).toMatchObject({ postcode_status: "pending", nation: null });
    await lookUpPendingPostcodes(db, client, { organisationIds: [org.id] });
    expect(await postcodeState(org.id)).toMatchObject({ postcode_status: "found", nation: "wales" });
  });

  test("refuses to run inside a transaction, where a slow postcodes.io would hold locks", async () => {
    await expect(db.transaction().execute((trx) => lookUpPendingPostcodes(trx, client))).rejects.toThrow(
      /transaction/,
    );
  });
});
