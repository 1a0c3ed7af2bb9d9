import { sql } from "kysely";
import type { Government } from "~/schemas/governments.ts";
import {
  bankHolidayDivisions,
  fetchBankHolidays,
  type BankHolidayDivision,
  type BankHolidays,
} from "~/services/bank-holidays.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { builtInBankHolidays, defaultInternalDeadline } from "~/utils/working-days.ts";

/** Whose bank holidays a deadline is counted in: the government being answered decides. */
export const divisionOfGovernment: Record<Government, BankHolidayDivision> = {
  uk_government: "england-and-wales",
  welsh_government: "england-and-wales",
  local_authority_england: "england-and-wales",
  local_authority_wales: "england-and-wales",
  scottish_government: "scotland",
  local_authority_scotland: "scotland",
  northern_ireland_executive: "northern-ireland",
  local_authority_northern_ireland: "northern-ireland",
};

/**
 * Keeps GOV.UK's list as the last good copy: called by the background loop with what the service
 * fetched, so a failed or malformed fetch (which throws before this) leaves the stored copy alone.
 */
export async function storeBankHolidays(db: Db, holidays: BankHolidays): Promise<void> {
  await inTransaction(db, async (trx) => {
    for (const division of bankHolidayDivisions) {
      await trx
        .insertInto("bank_holiday_divisions")
        .values({ division, dates: JSON.stringify(holidays[division]) })
        .onConflict((oc) =>
          oc.column("division").doUpdateSet({
            dates: sql<string>`excluded.dates`,
            fetched_at: sql<Date>`now()`,
          }),
        )
        .execute();
    }
  });
}

/** Fetches GOV.UK's list and keeps it; throws SourceError (stored copy untouched) when it cannot. */
export async function refreshBankHolidays(db: Db, source: { baseUrl: string; timeoutMs?: number }) {
  await storeBankHolidays(db, await fetchBankHolidays(source));
}

const isDateList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");

/** The stored list for a division, or the built-in England and Wales list before any load. */
export async function bankHolidaysFor(db: Db, division: BankHolidayDivision): Promise<ReadonlySet<string>> {
  const row = await db
    .selectFrom("bank_holiday_divisions")
    .select("dates")
    .where("division", "=", division)
    .executeTakeFirst();
  return row && isDateList(row.dates) ? new Set(row.dates) : builtInBankHolidays;
}

/** The suggested internal deadline: five working days before closing, where that government works. */
export async function suggestedInternalDeadline(
  db: Db,
  closesOn: string,
  government: Government,
): Promise<string> {
  return defaultInternalDeadline(closesOn, await bankHolidaysFor(db, divisionOfGovernment[government]));
}
