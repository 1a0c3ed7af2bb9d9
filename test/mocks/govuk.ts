import { delay, http, HttpResponse } from "msw";
import { govukContentFixtures, govukFixtures, searchPage, searchResult } from "./consultation-fixtures.ts";

/** GOV.UK search.json and the Content API, answering as www.gov.uk does (strict parameters: 422). */
export const GOVUK_URL = "https://www.gov.uk";
const SEARCH = `${GOVUK_URL}/api/search.json`;
const CONTENT = `${GOVUK_URL}/api/content/*`;

const knownParameters = new Set([
  "filter_content_store_document_type",
  "count",
  "start",
  "fields",
  "order",
  "q",
]);
const searchFields = new Set([
  "content_id",
  "title",
  "link",
  "description",
  "public_timestamp",
  "end_date",
  "organisations",
]);

/** What search.json says to a request it does not accept; null when it accepts it. */
function refusal(url: URL): string | null {
  for (const name of url.searchParams.keys()) {
    if (!knownParameters.has(name)) return `"${name}" is not a valid parameter`;
  }
  const count = Number(url.searchParams.get("count") ?? "10");
  if (!Number.isInteger(count) || count < 0 || count > 1500)
    return "Maximum result set size (as specified in 'count') is 1500";
  for (const field of (url.searchParams.get("fields") ?? "").split(",").filter(Boolean)) {
    if (!searchFields.has(field)) return `Some requested fields are not valid return fields: ["${field}"]`;
  }
  return null;
}

/** Serves `results` page by page with start/count, as search.json does. */
export function searchHandler(results: () => unknown[]) {
  return http.get(SEARCH, ({ request }) => {
    const url = new URL(request.url);
    const problem = refusal(url);
    if (problem) return HttpResponse.json({ error: problem }, { status: 422 });
    const all = results();
    const start = Number(url.searchParams.get("start") ?? "0");
    const count = Number(url.searchParams.get("count") ?? "10");
    return HttpResponse.json(searchPage(all.slice(start, start + count), all.length, start));
  });
}

const contentHandler = http.get(CONTENT, ({ request }) => {
  const path = new URL(request.url).pathname.replace(/^\/api\/content/, "");
  const item = govukContentFixtures()[path];
  if (!item) return HttpResponse.json({ error: { code: "not_found" } }, { status: 404 });
  return HttpResponse.json(item);
});

export const govukHandlers = [searchHandler(() => govukFixtures().map(searchResult)), contentHandler];

/** Failure cases, for `server.use(...)` in a test. */
export const govukScenarios = {
  /** Never answers: the client's timeout must end the request. */
  timeout: () =>
    http.get(SEARCH, async () => {
      await delay("infinite");
      return HttpResponse.json({});
    }),
  serverError: () =>
    http.get(
      SEARCH,
      () =>
        new HttpResponse("<html><body><h1>503 Service Unavailable</h1></body></html>", {
          status: 503,
          headers: { "Content-Type": "text/html" },
        }),
    ),
  unprocessable: () =>
    http.get(SEARCH, () =>
      HttpResponse.json(
        { error: 'Invalid value "open_consultation" for parameter "filter_content_store_document_type"' },
        { status: 422 },
      ),
    ),
  malformedJson: () =>
    http.get(
      SEARCH,
      () =>
        new HttpResponse('{"results": [{"content_id": "3b5e5d4a", "title": "VAT: cost', {
          status: 200,
          headers: { "Content-Type": "application/json" },
        }),
    ),
  /** The second fixture has lost its title, the third its content_id: both skipped, the others imported. */
  recordsMissingFields: () =>
    searchHandler(() =>
      govukFixtures().map((fixture, index) => {
        const result = searchResult(fixture);
        if (index === 1) return { ...result, title: undefined };
        if (index === 2) return { ...result, content_id: undefined };
        return result;
      }),
    ),
  /** The page of results is fine, the second page times out. */
  secondPageFails: () =>
    http.get(SEARCH, ({ request }) => {
      const url = new URL(request.url);
      const start = Number(url.searchParams.get("start") ?? "0");
      if (start > 0) return new HttpResponse("Bad gateway", { status: 502 });
      const all = govukFixtures().map(searchResult);
      return HttpResponse.json(searchPage(all.slice(0, 2), 1000, 0));
    }),
  /** Content API down: the result without end_date is skipped, the rest imported. */
  contentDown: () => http.get(CONTENT, () => new HttpResponse("Gateway timeout", { status: 504 })),
};
