import { http, HttpResponse } from "msw";

/** https://www.gov.uk/bank-holidays.json, in its real shape (a few events per division). */
export const BANK_HOLIDAYS_URL = "https://www.gov.uk/bank-holidays.json";

const event = (title: string, date: string, notes = "", bunting = true) => ({ title, date, notes, bunting });

const shared = [
  event("New Year’s Day", "2027-01-01"),
  event("Good Friday", "2027-03-26", "", false),
  event("Early May bank holiday", "2027-05-03"),
  event("Christmas Day", "2027-12-27", "Substitute day"),
  event("Boxing Day", "2027-12-28", "Substitute day"),
];

export function bankHolidaysFixture() {
  return {
    "england-and-wales": {
      division: "england-and-wales",
      events: [...shared, event("Easter Monday", "2027-03-29"), event("Summer bank holiday", "2027-08-30")],
    },
    scotland: {
      division: "scotland",
      events: [
        ...shared,
        event("2nd January", "2027-01-04", "Substitute day"),
        event("Summer bank holiday", "2027-08-02"),
        event("St Andrew’s Day", "2027-11-30"),
      ],
    },
    "northern-ireland": {
      division: "northern-ireland",
      events: [
        ...shared,
        event("St Patrick’s Day", "2027-03-17"),
        event("Easter Monday", "2027-03-29"),
        event("Battle of the Boyne (Orangemen’s Day)", "2027-07-12"),
      ],
    },
  };
}

export const bankHolidaysHandlers = [
  http.get(BANK_HOLIDAYS_URL, () => HttpResponse.json(bankHolidaysFixture())),
];

/** Failure cases, for `server.use(...)` in a test. */
export const bankHolidaysScenarios = {
  serverError: () => http.get(BANK_HOLIDAYS_URL, () => new HttpResponse("Bad gateway", { status: 502 })),
  /** JSON, but a division is missing: nothing of it is stored. */
  wrongShape: () =>
    http.get(BANK_HOLIDAYS_URL, () => {
      const { scotland: _missing, ...rest } = bankHolidaysFixture();
      return HttpResponse.json(rest);
    }),
};
