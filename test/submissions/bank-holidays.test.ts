import { beforeEach, describe, expect, test } from "vitest";
import { refreshBankHolidays, suggestedInternalDeadline } from "~/models/submissions/bank-holidays.server.ts";
import { SourceError } from "~/services/json-http.server.ts";
import { openTestDb } from "../db.ts";
import { bankHolidaysScenarios } from "../mocks/bank-holidays.ts";
import { GOVUK_URL } from "../mocks/govuk.ts";
import { server } from "../mocks/server.ts";

const { db } = await openTestDb();
const source = { baseUrl: GOVUK_URL, timeoutMs: 1000 };

beforeEach(() => db.deleteFrom("bank_holiday_divisions").execute());

describe("bank holidays", () => {
  test("the deadline counts the holidays of the government being answered", async () => {
    await refreshBankHolidays(db, source);
    // Five working days before Friday 3 December 2027; St Andrew's Day is Tuesday 30 November.
    expect(await suggestedInternalDeadline(db, "2027-12-03", "uk_government")).toBe("2027-11-26");
    expect(await suggestedInternalDeadline(db, "2027-12-03", "scottish_government")).toBe("2027-11-25");
    // St Patrick's Day, Wednesday 17 March 2027, only in Northern Ireland.
    expect(await suggestedInternalDeadline(db, "2027-03-19", "welsh_government")).toBe("2027-03-12");
    expect(await suggestedInternalDeadline(db, "2027-03-19", "northern_ireland_executive")).toBe(
      "2027-03-11",
    );
  });

  test("a failed or malformed fetch keeps the last good copy; before any, the built-in list", async () => {
    expect(await suggestedInternalDeadline(db, "2027-12-03", "scottish_government")).toBe("2027-11-26");
    await refreshBankHolidays(db, source);
    server.use(bankHolidaysScenarios.serverError());
    await expect(refreshBankHolidays(db, source)).rejects.toBeInstanceOf(SourceError);
    server.use(bankHolidaysScenarios.wrongShape());
    await expect(refreshBankHolidays(db, source)).rejects.toThrow("shape we do not know");
    expect(await suggestedInternalDeadline(db, "2027-12-03", "scottish_government")).toBe("2027-11-25");
  });
});
