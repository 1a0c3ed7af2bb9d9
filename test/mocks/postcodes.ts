import { delay, http, HttpResponse } from "msw";

/**
 * postcodes.io as it answers (api.postcodes.io, 2024 constituencies): a result carries far more
 * than the directory uses, and the fixtures keep those fields so the client is tested against
 * the real shape, not a trimmed one.
 */
export const POSTCODES_URL = "https://api.postcodes.io";

interface Fixture {
  postcode: string;
  country: "England" | "Scotland" | "Wales" | "Northern Ireland" | "Channel Islands";
  region: string | null;
  adminDistrict: string;
  adminDistrictCode: string;
  constituency: string;
  constituencyCode: string;
  ward: string;
  longitude: number;
  latitude: number;
}

function result(f: Fixture) {
  const [outcode = "", incode = ""] = f.postcode.split(" ");
  return {
    postcode: f.postcode,
    quality: 1,
    eastings: 358602,
    northings: 172788,
    country: f.country,
    nhs_ha: f.region,
    longitude: f.longitude,
    latitude: f.latitude,
    european_electoral_region: f.region,
    primary_care_trust: f.adminDistrict,
    region: f.region,
    lsoa: `${f.adminDistrict} 032B`,
    msoa: `${f.adminDistrict} 032`,
    incode,
    outcode,
    parliamentary_constituency: f.constituency,
    parliamentary_constituency_2024: f.constituency,
    admin_district: f.adminDistrict,
    parish: null,
    admin_county: null,
    date_of_introduction: "198001",
    admin_ward: f.ward,
    ced: null,
    ccg: null,
    nuts: f.adminDistrict,
    pfa: null,
    codes: {
      admin_district: f.adminDistrictCode,
      admin_county: "E99999999",
      admin_ward: "E05010892",
      parish: "E43000019",
      parliamentary_constituency: f.constituencyCode,
      parliamentary_constituency_2024: f.constituencyCode,
      ccg: "E38000222",
      ccg_id: "15C",
      ced: "E99999999",
      nuts: "TLK11",
      lsoa: "E01033348",
      msoa: "E02006889",
      lau2: f.adminDistrictCode,
      pfa: "E23000036",
    },
  };
}

export const postcodeFixtures = {
  "BS1 5TR": result({
    postcode: "BS1 5TR",
    country: "England",
    region: "South West",
    adminDistrict: "Bristol, City of",
    adminDistrictCode: "E06000023",
    constituency: "Bristol Central",
    constituencyCode: "E14001131",
    ward: "Hotwells & Harbourside",
    longitude: -2.60115,
    latitude: 51.452457,
  }),
  "DL1 5QT": result({
    postcode: "DL1 5QT",
    country: "England",
    region: "North East",
    adminDistrict: "Darlington",
    adminDistrictCode: "E06000005",
    constituency: "Darlington",
    constituencyCode: "E14001192",
    ward: "Park East",
    longitude: -1.551203,
    latitude: 54.521842,
  }),
  "CF10 4UW": result({
    postcode: "CF10 4UW",
    country: "Wales",
    region: null,
    adminDistrict: "Cardiff",
    adminDistrictCode: "W06000015",
    constituency: "Cardiff South and Penarth",
    constituencyCode: "W07000090",
    ward: "Butetown",
    longitude: -3.163913,
    latitude: 51.475232,
  }),
  "EH8 8BG": result({
    postcode: "EH8 8BG",
    country: "Scotland",
    region: null,
    adminDistrict: "City of Edinburgh",
    adminDistrictCode: "S12000036",
    constituency: "Edinburgh East and Musselburgh",
    constituencyCode: "S14000107",
    ward: "City Centre",
    longitude: -3.180432,
    latitude: 55.951581,
  }),
  "BT1 5GS": result({
    postcode: "BT1 5GS",
    country: "Northern Ireland",
    region: null,
    adminDistrict: "Belfast",
    adminDistrictCode: "N09000003",
    constituency: "Belfast South and Mid Down",
    constituencyCode: "N05000004",
    ward: "Botanic",
    longitude: -5.930121,
    latitude: 54.596432,
  }),
  // A real Guernsey postcode: postcodes.io knows it, but it is in no UK nation.
  "GY1 1FH": result({
    postcode: "GY1 1FH",
    country: "Channel Islands",
    region: null,
    adminDistrict: "Guernsey",
    adminDistrictCode: "L99999999",
    constituency: "",
    constituencyCode: "",
    ward: "",
    longitude: -2.5364,
    latitude: 49.4557,
  }),
} as const;

/** Well-formed postcodes postcodes.io answers 404 for: never issued, or terminated. */
export const unknownPostcodes = ["ZZ9 9ZZ", "SW1A 9ZZ"] as const;

const compact = (postcode: string) => postcode.replace(/\s+/g, "").toUpperCase();
const byCompact = new Map(
  Object.entries(postcodeFixtures).map(([postcode, value]) => [compact(postcode), value]),
);

export const requestsSeen: { single: string[]; bulk: string[][] } = { single: [], bulk: [] };

const notFound = () => HttpResponse.json({ status: 404, error: "Postcode not found" }, { status: 404 });
const invalid = () =>
  HttpResponse.json(
    {
      status: 400,
      error:
        "Invalid JSON submitted. You need to submit a JSON object with an array of postcodes or geolocation objects",
    },
    { status: 400 },
  );

/** The working service: GET /postcodes/:postcode and POST /postcodes (at most 100, as the real one). */
export const postcodesHandlers = [
  http.get(`${POSTCODES_URL}/postcodes/:postcode`, ({ params }) => {
    const postcode = String(params.postcode);
    requestsSeen.single.push(postcode);
    const found = byCompact.get(compact(postcode));
    return found ? HttpResponse.json({ status: 200, result: found }) : notFound();
  }),
  http.post(`${POSTCODES_URL}/postcodes`, async ({ request }) => {
    const body: unknown = await request.json().catch(() => null);
    if (body === null || typeof body !== "object" || !("postcodes" in body) || !Array.isArray(body.postcodes))
      return invalid();
    const postcodes = body.postcodes.map(String);
    if (postcodes.length > 100) {
      return HttpResponse.json(
        {
          status: 400,
          error: "Too many postcodes submitted. Up to 100 postcodes can be bulk requested at a time",
        },
        { status: 400 },
      );
    }
    requestsSeen.bulk.push(postcodes);
    return HttpResponse.json({
      status: 200,
      result: postcodes.map((query) => ({ query, result: byCompact.get(compact(query)) ?? null })),
    });
  }),
];

/** postcodes.io failing: its own 500 body. */
export const postcodesServerError = [
  http.post(`${POSTCODES_URL}/postcodes`, () =>
    HttpResponse.json({ status: 500, error: "Internal Server Error" }, { status: 500 }),
  ),
  http.get(`${POSTCODES_URL}/postcodes/:postcode`, () =>
    HttpResponse.json({ status: 500, error: "Internal Server Error" }, { status: 500 }),
  ),
];

/** postcodes.io too slow: answers only after `ms`, past the client's timeout in the test. */
export const postcodesSlow = (ms: number) => [
  http.post(`${POSTCODES_URL}/postcodes`, async () => {
    await delay(ms);
    return HttpResponse.json({ status: 200, result: [] });
  }),
];

/** postcodes.io unreachable: the connection fails. */
export const postcodesUnreachable = [http.post(`${POSTCODES_URL}/postcodes`, () => HttpResponse.error())];
