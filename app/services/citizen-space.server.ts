import { z } from "zod";
import { fetchJson, joinUrl, SourceError } from "./json-http.server.ts";

/**
 * Citizen Space (Delib), public API v2.4: `json_search_results` returns a JSON list of activities.
 * With `fields=extended` each carries its department; dates are `yyyy/mm/dd`.
 */
const DEFAULT_TIMEOUT_MS = 15_000;

const slashDate = z
  .string({ error: "no date" })
  .regex(/^\d{4}\/\d{2}\/\d{2}$/, "date is not yyyy/mm/dd")
  .transform((value) => value.replaceAll("/", "-"))
  .refine((value) => !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime()), "date does not exist");

/** One activity; parsed on its own so a bad record is skipped and the rest imported. */
export const citizenSpaceActivitySchema = z
  .object({
    id: z.union([z.string().min(1), z.number().int()], { error: "no id" }).transform(String),
    title: z.string({ error: "no title" }).trim().min(1, "empty title"),
    url: z.url({ error: "no url" }),
    status: z.string().optional(),
    overview: z.string().nullish(),
    startdate: slashDate.nullish().catch(null),
    enddate: slashDate,
    department: z.string().nullish(),
    dept: z.string().nullish(),
    participate_url: z.string().nullish(),
  })
  .loose();

export interface CitizenSpaceClient {
  /** Raw activities open now: the importer parses each with citizenSpaceActivitySchema. */
  listOpenActivities(): Promise<unknown[]>;
}

export function createCitizenSpaceClient({
  siteUrl,
  timeoutMs = DEFAULT_TIMEOUT_MS,
}: {
  siteUrl: string;
  timeoutMs?: number;
}): CitizenSpaceClient {
  const label = `Citizen Space at ${new URL(siteUrl).host}`;
  return {
    async listOpenActivities() {
      const url = joinUrl(siteUrl, "api/2.4/json_search_results");
      url.searchParams.set("st", "open");
      url.searchParams.set("fields", "extended");
      const body = await fetchJson(url, { label, timeoutMs });
      if (!Array.isArray(body)) throw new SourceError(`${label} sent JSON that is not a list of activities`);
      return body;
    },
  };
}
