import { z } from "zod";
import type { Nation } from "~/schemas/directory.ts";
import { fetchJson, joinUrl, SourceError } from "./json-http.server.ts";

/**
 * The GOV.UK Search API (search.json) for open consultations, and the Content API for what search
 * leaves out. Search validates its parameters strictly: an unknown field or filter gives 422.
 */
const GOVUK_SEARCH_FIELDS = [
  "content_id",
  "title",
  "link",
  "description",
  "public_timestamp",
  "end_date",
  "organisations",
] as const;
export const GOVUK_PAGE_SIZE = 500;
const DEFAULT_TIMEOUT_MS = 15_000;

const pageSchema = z.object({
  results: z.array(z.unknown()),
  total: z.number().int().nonnegative(),
  start: z.number().int().nonnegative(),
});

const applicabilitySchema = z
  .record(z.string(), z.object({ applies_to: z.boolean() }).loose())
  .nullish()
  .catch(null);

/** One search result; parsed on its own so a bad record is skipped and the rest imported. */
export const govukResultSchema = z.object({
  content_id: z.string({ error: "no content_id" }).min(1, "empty content_id"),
  title: z.string({ error: "no title" }).trim().min(1, "empty title"),
  link: z.string({ error: "no link" }).startsWith("/", "link is not a GOV.UK path"),
  description: z.string().nullish(),
  public_timestamp: z.iso.datetime({ offset: true }).nullish().catch(null),
  end_date: z.iso.datetime({ offset: true, error: "end_date is not a date" }).nullish(),
  organisations: z
    .array(z.object({ title: z.string(), acronym: z.string().nullish() }).loose())
    .nullish()
    .transform((organisations) => organisations ?? []),
  national_applicability: applicabilitySchema,
});

const contentSchema = z.object({
  details: z
    .object({
      closing_date: z.iso.datetime({ offset: true }).nullish().catch(null),
      opening_date: z.iso.datetime({ offset: true }).nullish().catch(null),
      national_applicability: applicabilitySchema,
    })
    .loose(),
});

interface GovukContentDates {
  closingDate: string | null;
  openingDate: string | null;
  appliesTo: Nation[] | null;
}

interface GovukSearchPage {
  total: number;
  start: number;
  /** Raw results: the importer parses each with govukResultSchema. */
  results: unknown[];
}

export interface GovukClient {
  searchOpenConsultations(page: { start: number; count: number }): Promise<GovukSearchPage>;
  /** Content API for one search link (a path such as /government/consultations/...). */
  fetchContentDates(link: string): Promise<GovukContentDates>;
}

const nationKeys: Record<string, Nation> = {
  england: "england",
  scotland: "scotland",
  wales: "wales",
  northern_ireland: "northern_ireland",
};

/** GOV.UK's national_applicability ({ england: { applies_to: true }, ... }) as our nations; null when absent. */
export function nationsFromApplicability(value: z.output<typeof applicabilitySchema>): Nation[] | null {
  if (!value) return null;
  const nations = Object.entries(value)
    .filter(([key, entry]) => entry.applies_to && nationKeys[key])
    .flatMap(([key]) => (nationKeys[key] ? [nationKeys[key]] : []));
  return nations;
}

export function createGovukClient({
  baseUrl,
  timeoutMs = DEFAULT_TIMEOUT_MS,
}: {
  baseUrl: string;
  timeoutMs?: number;
}): GovukClient {
  return {
    async searchOpenConsultations({ start, count }) {
      const url = joinUrl(baseUrl, "api/search.json");
      url.searchParams.set("filter_content_store_document_type", "open_consultation");
      url.searchParams.set("count", String(count));
      url.searchParams.set("start", String(start));
      url.searchParams.set("order", "public_timestamp");
      url.searchParams.set("fields", GOVUK_SEARCH_FIELDS.join(","));
      const body = await fetchJson(url, { label: "GOV.UK search", timeoutMs });
      const page = pageSchema.safeParse(body);
      if (!page.success) {
        throw new SourceError("GOV.UK search sent JSON without the results list and total it always has");
      }
      return page.data;
    },

    async fetchContentDates(link) {
      const body = await fetchJson(joinUrl(baseUrl, `api/content${link}`), {
        label: `GOV.UK content for ${link}`,
        timeoutMs,
      });
      const content = contentSchema.safeParse(body);
      if (!content.success) throw new SourceError(`GOV.UK content for ${link} has no details`);
      return {
        closingDate: content.data.details.closing_date ?? null,
        openingDate: content.data.details.opening_date ?? null,
        appliesTo: nationsFromApplicability(content.data.details.national_applicability),
      };
    },
  };
}
