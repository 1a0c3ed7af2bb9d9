import { delay, http, HttpResponse } from "msw";
import { northernIrelandFixtures, scotlandFixtures } from "./consultation-fixtures.ts";

/** Citizen Space API 2.4 on the two default sites (consult.gov.scot and NI Direct). */
export const SCOTLAND_URL = "https://consult.gov.scot";
export const NORTHERN_IRELAND_URL = "https://consultations2.nidirect.gov.uk";
const path = "/api/2.4/json_search_results";

export function activitiesHandler(site: string, activities: () => unknown[]) {
  return http.get(`${site}${path}`, ({ request }) => {
    const url = new URL(request.url);
    // Citizen Space ignores parameters it does not know; state and fields are what we rely on.
    if (url.searchParams.get("st") !== "open" || url.searchParams.get("fields") !== "extended") {
      return HttpResponse.json([]);
    }
    return HttpResponse.json(activities());
  });
}

export const citizenSpaceHandlers = [
  activitiesHandler(SCOTLAND_URL, () => scotlandFixtures(SCOTLAND_URL)),
  activitiesHandler(NORTHERN_IRELAND_URL, () => northernIrelandFixtures(NORTHERN_IRELAND_URL)),
];

/** Failure cases for one site, for `server.use(...)` in a test. */
export const citizenSpaceScenarios = {
  timeout: (site = SCOTLAND_URL) =>
    http.get(`${site}${path}`, async () => {
      await delay("infinite");
      return HttpResponse.json([]);
    }),
  serverError: (site = SCOTLAND_URL) =>
    http.get(`${site}${path}`, () => new HttpResponse("Internal Server Error", { status: 500 })),
  unprocessable: (site = SCOTLAND_URL) =>
    http.get(`${site}${path}`, () =>
      HttpResponse.json({ error: "Invalid search parameters" }, { status: 422 }),
    ),
  malformedJson: (site = SCOTLAND_URL) =>
    http.get(
      `${site}${path}`,
      () =>
        new HttpResponse('[{"id": "social-care/', {
          status: 200,
          headers: { "Content-Type": "application/json" },
        }),
    ),
  /** An object instead of the list: JSON, but not what the API returns. */
  notAList: (site = SCOTLAND_URL) => http.get(`${site}${path}`, () => HttpResponse.json({ results: [] })),
  /** One activity has no end date, one a date in the wrong format: both skipped, the rest imported. */
  recordsMissingFields: (site = SCOTLAND_URL) =>
    activitiesHandler(site, () => {
      const [first, second] = scotlandFixtures(site);
      const { enddate: _dropped, ...noEnd } = { ...first, id: "health/no-end-date" };
      return [first, second, noEnd, { ...second, id: "health/us-date", enddate: "12/31/2026" }];
    }),
};
