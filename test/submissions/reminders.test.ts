import { describe, expect, test } from "vitest";
import { dueReminders, sendDeadlineReminders } from "~/models/submissions/reminders.server.ts";
import { withdrawSubmission } from "~/models/submissions/lifecycle.server.ts";
import { openTestDb } from "../db.ts";
import { staffPerson } from "../positions-fixtures.ts";
import { submission } from "./factories.ts";

const { db } = await openTestDb();
const ctx = { appUrl: "https://voice.example" };

const remindersTo = (to: string) =>
  db
    .selectFrom("email_outbox")
    .select("subject")
    .where("to_address", "=", to)
    .where("template", "=", "submission-reminder")
    .orderBy("id")
    .execute();

describe("which reminders are due", () => {
  const dates = { id: 1, internalDeadline: "2027-02-05", closesOn: "2027-02-12" };
  test("7 days before, then 2 days before, each deadline; nothing far off or past", () => {
    expect(dueReminders(dates, "2027-01-20")).toEqual([]);
    expect(dueReminders(dates, "2027-01-29").map((r) => [r.deadline, r.daysBefore])).toEqual([
      ["internal", 7],
    ]);
    expect(dueReminders(dates, "2027-02-04").map((r) => [r.deadline, r.daysBefore])).toEqual([
      ["internal", 2],
    ]);
    expect(dueReminders(dates, "2027-02-05").map((r) => [r.deadline, r.daysBefore])).toEqual([
      ["internal", 2],
      ["government", 7],
    ]);
    expect(dueReminders(dates, "2027-02-11").map((r) => [r.deadline, r.daysBefore])).toEqual([
      ["government", 2],
    ]);
    expect(dueReminders(dates, "2027-02-13")).toEqual([]);
  });
});

describe("sending", () => {
  test("each reminder goes once, however often and however many processes run the task", async () => {
    const lead = await staffPerson(db, "Lee Lead");
    await submission(db, lead, { internalDeadline: "2027-02-05", closesOn: "2027-02-12" });
    await Promise.all([
      sendDeadlineReminders(db, ctx, { today: "2027-01-29" }),
      sendDeadlineReminders(db, ctx, { today: "2027-01-29" }),
    ]);
    await sendDeadlineReminders(db, ctx, { today: "2027-01-30" });
    expect(await remindersTo(lead.email)).toEqual([
      { subject: expect.stringMatching(/^7 days to the internal deadline/) },
    ]);
    await sendDeadlineReminders(db, ctx, { today: "2027-02-04" });
    await sendDeadlineReminders(db, ctx, { today: "2027-02-05" });
    await sendDeadlineReminders(db, ctx, { today: "2027-02-11" });
    await sendDeadlineReminders(db, ctx, { today: "2027-02-12" });
    expect((await remindersTo(lead.email)).map((row) => row.subject)).toEqual([
      expect.stringMatching(/^7 days to the internal deadline/),
      expect.stringMatching(/^1 day to the internal deadline/),
      expect.stringMatching(/^7 days to the government's closing date/),
      expect.stringMatching(/^1 day to the government's closing date/),
    ]);
  });

  test("no reminders for a withdrawn submission", async () => {
    const lead = await staffPerson(db, "Wyn Withdrawn");
    const { id } = await submission(db, lead, { internalDeadline: "2027-03-05", closesOn: "2027-03-12" });
    await withdrawSubmission(db, lead, { submissionId: id, reason: "Dropped" });
    await sendDeadlineReminders(db, ctx, { today: "2027-03-04" });
    expect(await remindersTo(lead.email)).toEqual([]);
  });
});
