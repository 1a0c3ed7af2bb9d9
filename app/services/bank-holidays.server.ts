import { z } from "zod";
import { fetchJson, joinUrl, SourceError } from "./json-http.server.ts";

/**
 * GOV.UK's published bank holidays, `GET https://www.gov.uk/bank-holidays.json`:
 * `{"england-and-wales": {"division", "events": [{"title", "date", "notes", "bunting"}]}, "scotland": …,
 * "northern-ireland": …}`.
 */
export const bankHolidayDivisions = ["england-and-wales", "scotland", "northern-ireland"] as const;
export type BankHolidayDivision = (typeof bankHolidayDivisions)[number];

const division = z.object({
  division: z.string(),
  events: z
    .array(z.object({ title: z.string(), date: z.iso.date(), notes: z.string().optional() }).loose())
    .min(1, "no events"),
});
const bankHolidaysSchema = z
  .object({ "england-and-wales": division, scotland: division, "northern-ireland": division })
  .loose();

export type BankHolidays = Record<BankHolidayDivision, string[]>;

export async function fetchBankHolidays({
  baseUrl,
  timeoutMs = 15_000,
}: {
  baseUrl: string;
  timeoutMs?: number;
}): Promise<BankHolidays> {
  const label = "GOV.UK bank holidays";
  const body = await fetchJson(joinUrl(baseUrl, "bank-holidays.json"), { label, timeoutMs });
  const parsed = bankHolidaysSchema.safeParse(body);
  if (!parsed.success) throw new SourceError(`${label} sent JSON in a shape we do not know`);
  const dates = (key: BankHolidayDivision) => parsed.data[key].events.map((event) => event.date).sort();
  return {
    "england-and-wales": dates("england-and-wales"),
    scotland: dates("scotland"),
    "northern-ireland": dates("northern-ireland"),
  };
}
