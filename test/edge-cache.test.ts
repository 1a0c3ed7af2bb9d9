import { describe, expect, test } from "vitest";
import { openTestDb } from "./db.ts";
import { startTestApp } from "./harness.ts";
import {
  createOpenLetter,
  createOrgWithLeader,
  createStaff as createLetterStaff,
} from "./letters/factories.ts";
import { createMemberOrg, createSurveyWithQuestions, openAndCollectTokens } from "./surveys/factories.ts";

const database = await openTestDb();
const { db } = database;
const site = await startTestApp(database);
const staff = await createLetterStaff(db);
const PRIVATE = "private, no-store";

describe("pages only their reader may keep", () => {
  test("signed-in pages, as documents and as loader data", async () => {
    for (const path of ["/account", "/", "/letters"]) {
      const page = await site.get(path, { as: staff });
      expect(page.status, path).toBe(200);
      expect(page.headers.get("Cache-Control"), path).toBe(PRIVATE);
      const data = await site.load(path, { as: staff });
      expect(data.headers.get("Cache-Control"), path).toBe(PRIVATE);
    }
  });

  test("a survey's personal link pages, though nobody is signed in", async () => {
    await createMemberOrg(db, { serviceArea: "culture" });
    const survey = await createSurveyWithQuestions(db, staff, { serviceAreas: ["culture"] });
    const { tokens } = await openAndCollectTokens(db, staff, survey.id);
    const token = [...tokens.values()][0] ?? "";
    for (const path of [`/s/${token}`, `/s/${token}/1`, `/s/${token}/check`]) {
      const page = await site.get(path);
      expect(page.status, path).toBeLessThan(400);
      expect(page.headers.get("Cache-Control"), path).toBe(PRIVATE);
      expect((await site.load(path)).headers.get("Cache-Control"), path).toBe(PRIVATE);
    }
    // A guessed token shows nothing, and is not kept either.
    expect((await site.get("/s/not-a-real-token")).headers.get("Cache-Control")).toBe(PRIVATE);
  });
});

describe("pages that say their own policy keep it", () => {
  test("the public letter page: shared caches for anonymous readers, private revalidation when signed in", async () => {
    const { leader } = await createOrgWithLeader(db);
    const letter = await createOpenLetter(db, staff, [leader]);
    const page = `/letters/${letter.slug}`;
    const anonymous = await site.get(page);
    expect(anonymous.headers.get("Cache-Control")).toBe(
      "public, max-age=5, s-maxage=1, stale-while-revalidate=30",
    );
    const signedIn = await site.get(page, { as: leader });
    expect(signedIn.headers.get("Cache-Control")).toBe("private, no-cache");
  });

  test("static files keep their long caching with a cookie; anonymous pages get nothing added", async () => {
    const icon = await site.get("/favicon.svg", { as: staff });
    expect(icon.headers.get("Cache-Control")).toBe("public, max-age=3600");
    const login = await site.get("/login");
    expect(login.status).toBe(200);
    expect(login.headers.get("Cache-Control")).toBeNull();
  });
});
