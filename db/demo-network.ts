import type { NewOrganisation } from "../app/models/directory/organisations.server.ts";
import {
  legalForms,
  nations,
  serviceAreas,
  type LegalForm,
  type MembershipStatus,
  type Nation,
  type ServiceArea,
} from "../app/schemas/directory.ts";
import type { Role } from "../app/schemas/people.ts";

/**
 * A made-up but lifelike network of public service mutuals for demos and browser tests: real
 * places, postcodes and GSS codes so postcode lookups and nation filters behave as they will with
 * real members; invented organisations and people. The same seed always gives the same network.
 */

// The date of the article that proposed the trade body; any fixed number would do.
export const DEMO_SEED = 20170607;

export const demoAccounts = {
  admin: "admin@psmn.example",
  policy: "policy@psmn.example",
  member: "member@psmn.example",
  leader: "leader@psmn.example",
} as const;

export const DEMO_ORGANISATION_NAME = "Northgate Community Health CIC";

export interface DemoPerson {
  email: string;
  name: string;
  jobTitle: string;
  role: Role;
  isLeader: boolean;
}

export interface DemoOrganisation extends NewOrganisation {
  publicIncomeGbp: number;
  people: DemoPerson[];
}

export interface DemoNetwork {
  /** The trade body's own team: no organisation. */
  staff: DemoPerson[];
  organisations: DemoOrganisation[];
}

// The article's "about 35,000 people and about £1bn", as figures a live count would plausibly show.
const TARGET_STAFF = 34_900;
const TARGET_INCOME_GBP = 985_000_000;
// Besides the demo organisation and eight large English health and care spin-outs: 120 in all.
const OTHER_ORGANISATIONS: Record<Nation, number> = {
  england: 87,
  scotland: 10,
  wales: 9,
  northern_ireland: 5,
};

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error("Cannot pick from an empty list");
  return item;
}

export function pickWeighted<T>(rng: Rng, choices: readonly (readonly [T, number])[]): T {
  let ticket = rng() * choices.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [choice, weight] of choices) {
    ticket -= weight;
    if (ticket < 0) return choice;
  }
  return pick(rng, choices)[0];
}

export function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const a = items[i];
    const b = items[j];
    if (a === undefined || b === undefined) continue;
    items[i] = b;
    items[j] = a;
  }
  return items;
}

interface Place {
  nation: Nation;
  town: string;
  postcode: string;
  localAuthority: string;
  localAuthorityCode: string;
  constituency: string;
  /** The Welsh form, for Welsh-language organisation names. */
  welsh?: string;
}

type PlaceRow = readonly [
  town: string,
  postcode: string,
  la: string,
  code: string,
  seat: string,
  welsh?: string,
];

// Council offices' postcodes, so every postcode is real and lies in its authority.
const placeRows: Record<Nation, readonly PlaceRow[]> = {
  england: [
    ["Bristol", "BS1 5TR", "Bristol, City of", "E06000023", "Bristol Central"],
    ["Leeds", "LS1 1UR", "Leeds", "E08000035", "Leeds Central and Headingley"],
    ["Manchester", "M60 2LA", "Manchester", "E08000003", "Manchester Central"],
    ["Liverpool", "L2 2DH", "Liverpool", "E08000012", "Liverpool Riverside"],
    ["Birmingham", "B1 1BB", "Birmingham", "E08000025", "Birmingham Ladywood"],
    ["Sheffield", "S1 2HH", "Sheffield", "E08000039", "Sheffield Central"],
    ["Newcastle", "NE1 8QH", "Newcastle upon Tyne", "E08000021", "Newcastle upon Tyne Central and West"],
    ["York", "YO1 6GA", "York", "E06000014", "York Central"],
    ["Hull", "HU1 2AA", "Kingston upon Hull, City of", "E06000010", "Hull West and Haltemprice"],
    ["Bradford", "BD1 1HY", "Bradford", "E08000032", "Bradford West"],
    ["Salford", "M27 5DA", "Salford", "E08000006", "Worsley and Eccles"],
    ["Stockport", "SK1 3XE", "Stockport", "E08000007", "Stockport"],
    ["Wigan", "WN1 1YN", "Wigan", "E08000010", "Wigan"],
    ["Durham", "DH1 5UL", "County Durham", "E06000047", "City of Durham"],
    ["Darlington", "DL1 5QT", "Darlington", "E06000005", "Darlington"],
    ["Nottingham", "NG2 3NG", "Nottingham", "E06000018", "Nottingham South"],
    ["Leicester", "LE1 1FZ", "Leicester", "E06000016", "Leicester South"],
    ["Derby", "DE1 2FS", "Derby", "E06000015", "Derby South"],
    ["Coventry", "CV1 5RR", "Coventry", "E08000026", "Coventry South"],
    ["Norwich", "NR2 1NH", "Norwich", "E07000148", "Norwich South"],
    ["Cambridge", "CB2 3QJ", "Cambridge", "E07000008", "Cambridge"],
    ["Oxford", "OX1 1DS", "Oxford", "E07000178", "Oxford East"],
    ["Southampton", "SO14 7LY", "Southampton", "E06000045", "Southampton Test"],
    ["Exeter", "EX1 1JN", "Exeter", "E07000041", "Exeter"],
    ["Plymouth", "PL1 2AA", "Plymouth", "E06000026", "Plymouth Sutton and Devonport"],
    ["Cornwall", "TR1 3AY", "Cornwall", "E06000052", "Truro and Falmouth"],
    ["Hackney", "E8 1EA", "Hackney", "E09000012", "Hackney South and Shoreditch"],
    ["Lambeth", "SW2 1RW", "Lambeth", "E09000022", "Clapham and Brixton Hill"],
    ["Kingston", "KT1 1EU", "Kingston upon Thames", "E09000021", "Kingston and Surbiton"],
    ["Sutton", "SM1 1EA", "Sutton", "E09000029", "Sutton and Cheam"],
  ],
  scotland: [
    ["Edinburgh", "EH8 8BG", "City of Edinburgh", "S12000036", "Edinburgh East and Musselburgh"],
    ["Glasgow", "G2 1DU", "Glasgow City", "S12000049", "Glasgow North"],
    ["Dundee", "DD1 3BY", "Dundee City", "S12000042", "Dundee Central"],
    ["Aberdeen", "AB10 1AB", "Aberdeen City", "S12000033", "Aberdeen North"],
    ["Fife", "KY7 5LT", "Fife", "S12000047", "Glenrothes and Mid Fife"],
    ["Highland", "IV3 5NX", "Highland", "S12000017", "Inverness, Skye and West Ross-shire"],
  ],
  wales: [
    ["Cardiff", "CF10 4UW", "Cardiff", "W06000015", "Cardiff South and Penarth", "Caerdydd"],
    ["Swansea", "SA1 3SN", "Swansea", "W06000011", "Swansea West", "Abertawe"],
    ["Newport", "NP20 4UR", "Newport", "W06000022", "Newport West and Islwyn", "Casnewydd"],
    ["Wrexham", "LL11 1AY", "Wrexham", "W06000006", "Wrexham", "Wrecsam"],
    ["Ceredigion", "SY23 3UE", "Ceredigion", "W06000008", "Ceredigion Preseli", "Ceredigion"],
    ["Gwynedd", "LL55 1SH", "Gwynedd", "W06000002", "Dwyfor Meirionnydd", "Gwynedd"],
    ["Carmarthenshire", "SA31 1JP", "Carmarthenshire", "W06000010", "Caerfyrddin", "Sir Gâr"],
    ["Ynys Môn", "LL77 7TW", "Isle of Anglesey", "W06000001", "Ynys Môn", "Ynys Môn"],
  ],
  northern_ireland: [
    ["Belfast", "BT1 5GS", "Belfast", "N09000003", "Belfast South and Mid Down"],
    ["Foyle", "BT48 7NN", "Derry City and Strabane", "N09000005", "Foyle"],
    ["Lisburn", "BT27 4RL", "Lisburn and Castlereagh", "N09000007", "Lagan Valley"],
    ["Causeway", "BT52 1EY", "Causeway Coast and Glens", "N09000004", "East Londonderry"],
    ["North Down", "BT20 4BT", "Ards and North Down", "N09000011", "North Down"],
  ],
};

function placesIn(nation: Nation): Place[] {
  return placeRows[nation].map(
    ([town, postcode, localAuthority, localAuthorityCode, constituency, welsh]) => ({
      nation,
      town,
      postcode,
      localAuthority,
      localAuthorityCode,
      constituency,
      welsh,
    }),
  );
}

/** Comma-separated, so tables of names stay a few lines long; names may hold spaces and apostrophes. */
function list(text: string): readonly string[] {
  return text.split(",").map((item) => item.trim());
}

const namePatterns: Record<ServiceArea, readonly string[]> = {
  health: list("{P} Community Health, {P} Community Healthcare, {P} Health Partnership, Your Health {P}"),
  social_care: list("{P} Care Mutual, {P} Independent Living, Care and Support {P}, {P} Home Care"),
  libraries: list("{P} Library Mutual, {P} Libraries, Libraries {P}, {P} Library Service"),
  leisure: list("{P} Leisure Trust, Active {P}, {P} Sport and Leisure, {P} Leisure"),
  youth: list("{P} Youth Services, {P} Youth Mutual, Young {P}, {P} Youth Partnership"),
  childrens_services: list("{P} Children's Services, {P} Family Support, {P} Early Help, Children First {P}"),
  culture: list("{P} Arts and Heritage, {P} Museums Trust, {P} Culture Trust, {P} Arts Mutual"),
  housing: list("{P} Homes Mutual, {P} Housing Services"),
  education: list("{P} Learning Partnership, {P} Adult Learning, {P} Careers Service"),
  other: list("{P} Community Transport, {P} Facilities Mutual, {P} Business Services"),
};

const welshNamePatterns: Partial<Record<ServiceArea, readonly string[]>> = {
  health: ["Iechyd Cymunedol {P}"],
  social_care: ["Gofal Cymunedol {P}"],
  libraries: ["Llyfrgelloedd {P}"],
  leisure: ["Hamdden {P}"],
  youth: ["Gwasanaethau Ieuenctid {P}"],
  childrens_services: ["Gwasanaethau Plant {P}"],
  culture: ["Diwylliant {P}"],
};

type Weights<K extends string> = Partial<Record<K, number>>;

function weighted<K extends string>(keys: readonly K[], weights: Weights<K>): (readonly [K, number])[] {
  return keys.map((key) => [key, weights[key] ?? 0] as const);
}

// prettier-ignore
const serviceWeights: Record<"england" | "devolved", Weights<ServiceArea>> = {
  england: { health: 26, social_care: 24, leisure: 8, libraries: 7, youth: 9, childrens_services: 9, culture: 7, education: 4, housing: 2, other: 4 },
  // Devolved health services stayed in the NHS, so devolved mutuals are mostly care, leisure and culture.
  devolved: { health: 6, social_care: 24, leisure: 18, libraries: 10, youth: 12, childrens_services: 6, culture: 14, education: 4, other: 4 },
};

const legalFormWeights = weighted(legalForms, {
  community_interest_company: 46,
  community_benefit_society: 30,
  company_limited_by_guarantee: 11,
  company_limited_by_shares: 6,
  cooperative_society: 5,
  other: 2,
});

// Public income per member of staff: leisure trusts earn most of theirs from customers instead.
// prettier-ignore
const incomePerHead: Record<ServiceArea, number> = {
  health: 34_000, social_care: 25_000, libraries: 31_000, leisure: 14_000, youth: 29_000,
  childrens_services: 36_000, culture: 21_000, housing: 30_000, education: 27_000, other: 24_000,
};

const firstNames: Record<Nation, readonly string[]> = {
  england: list(`Sarah, James, Emma, David, Rachel, Michael, Helen, Mark, Claire, Paul, Joanne, Richard,
    Priya, Amir, Fatima, Olumide, Grace, Tom, Hannah, Aisha, Mohammed, Karen, Stephen, Lucy, Chloé, Nadia,
    Kwame, Zoe, Raj, Anita, Simon, Gemma, Imran, Deborah, Ben, Sophie, Ian, Laura, Chidi, Agnieszka`),
  scotland: list(`Iain, Mòrag, Fiona, Callum, Eilidh, Mhairi, Ruaridh, Catriona, Alasdair, Kirsty, Euan,
    Ailsa, Fraser, Isla, Douglas, Shona, Gordon, Lorna, Hamish, Rhona`),
  wales: list(`Siân, Rhys, Gareth, Ffion, Dafydd, Elin, Carys, Owain, Bethan, Huw, Catrin, Llinos, Geraint,
    Nia, Meinir, Iwan, Gwenllïan, Eluned, Aled, Rhiannon`),
  northern_ireland: list(`Seán, Siobhán, Ciarán, Aoife, Niamh, Pádraig, Órla, Conor, Caoimhe, Declan,
    Gráinne, Eamon, Róisín, Ruth, Gillian, Colin, Andrew, Heather, Nuala, Trevor`),
};

const surnames: Record<Nation, readonly string[]> = {
  england: list(`Smith, Taylor, Brown, Wilson, Walker, Wright, Robinson, Thompson, White, Green, Hall, Wood,
    Harris, Clarke, Patel, Khan, Begum, Okafor, Mensah, Ahmed, Kaur, Singh, Nowak, Shaw, Barker, Fletcher,
    Holloway, Pearson, Ashworth, Hussain, Adeyemi, Chen, Fitzgerald, Ellis, Osei, Kowalski, Lambert,
    Brennan, Marsh, Booth`),
  scotland: list(`MacLeod, Campbell, Stewart, Robertson, Fraser, MacDonald, Murray, Henderson, Ross,
    Paterson, Cameron, McIntyre, Sinclair, Buchanan, Grant, Mackay, Thomson, Ferguson, Kerr, Lindsay`),
  wales: list(`Jones, Davies, Williams, Evans, Thomas, Roberts, Hughes, Lewis, Morgan, Griffiths, Price,
    Llŷr, Pritchard, Parry, Rees, Owen, Bowen, Prosser, Jenkins, Powell`),
  northern_ireland: list(`O'Neill, Murphy, Kelly, McCann, Doherty, Quinn, Gallagher, Hamilton, Moore,
    Patterson, McAllister, Devlin, Boyle, Magee, McLaughlin, Ó Briain, Irvine, Maguire, Reid, Fleming`),
};

const leaderTitles = weighted(["Chief Executive", "Managing Director", "Chief Executive Officer"], {
  "Chief Executive": 85,
  "Managing Director": 10,
  "Chief Executive Officer": 5,
});
const otherTitles = list(`Director of Operations, Policy Lead, Head of Finance, Director of Finance,
  Head of Communications, Company Secretary, Director of People, Head of Business Development,
  Head of Quality and Governance`);

/** Emails and domains stay ASCII, so Siân Llŷr's address starts "sian.llyr@". */
function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/'/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

function suffixFor(legalForm: LegalForm, welsh: boolean): string {
  switch (legalForm) {
    case "community_interest_company":
      return welsh ? " CBC" : " CIC";
    case "company_limited_by_guarantee":
    case "company_limited_by_shares":
      return welsh ? " Cyf" : " Ltd";
    case "cooperative_society":
      return welsh ? "" : " Co-operative";
    default:
      return "";
  }
}

const DAY_MS = 86_400_000;

/** `skew` above 1 crowds the dates towards `from`: most members joined in the network's early years. */
function dateBetween(rng: Rng, from: string, to: string, skew = 1): string {
  const start = Date.parse(`${from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - start) / DAY_MS);
  return new Date(start + Math.floor(rng() ** skew * (days + 1)) * DAY_MS).toISOString().slice(0, 10);
}

function logUniform(rng: Rng, min: number, max: number): number {
  return Math.round(min * (max / min) ** rng());
}

interface Draft extends Omit<DemoOrganisation, "people" | "publicIncomeGbp"> {
  nation: Nation;
  rawIncome: number;
  domain: string;
}

function person(email: string, name: string, jobTitle: string, role: Role, isLeader = false): DemoPerson {
  return { email, name, jobTitle, role, isLeader };
}

function makePeople(rng: Rng, nation: Nation, domain: string): DemoPerson[] {
  const count = rng() < 0.5 ? 2 : 3;
  const titles = shuffle(rng, [...otherTitles]);
  const people: DemoPerson[] = [];
  const names = new Set<string>();
  while (people.length < count) {
    const name = `${pick(rng, firstNames[nation])} ${pick(rng, surnames[nation])}`;
    if (names.has(name)) continue;
    names.add(name);
    const [first = "", ...rest] = name.split(" ");
    const isLeader = people.length === 0;
    const jobTitle = isLeader ? pickWeighted(rng, leaderTitles) : (titles[people.length] ?? "Policy Lead");
    people.push(
      person(`${slugify(first)}.${slugify(rest.join(" "))}@${domain}`, name, jobTitle, "member", isLeader),
    );
  }
  return people;
}

export function generateDemoNetwork(seed: number = DEMO_SEED): DemoNetwork {
  const rng = mulberry32(seed);
  // One organisation per service in a place, as commissioning works; names and domains unique too.
  const used = new Set<string>(["northgate-community-health", "Darlington/health"]); // the demo organisation
  const drafts: Draft[] = [];

  function addDraft(nation: Nation, serviceArea: ServiceArea, staffCount: number, large: boolean) {
    const legalForm: LegalForm = large
      ? pickWeighted(rng, [
          ["community_interest_company", 8],
          ["company_limited_by_shares", 2],
        ])
      : pickWeighted(rng, legalFormWeights);
    for (let attempt = 0; ; attempt++) {
      if (attempt > 1000) throw new Error(`No unused ${serviceArea} name left in ${nation}`);
      const place = pick(rng, placesIn(nation));
      const welshPatterns = welshNamePatterns[serviceArea];
      const welsh = nation === "wales" && welshPatterns !== undefined && rng() < 0.5;
      const pattern = pick(rng, welsh && welshPatterns ? welshPatterns : namePatterns[serviceArea]);
      const base = pattern.replace("{P}", welsh ? (place.welsh ?? place.town) : place.town);
      const key = slugify(base);
      const patch = `${place.town}/${serviceArea}`;
      if (used.has(key) || used.has(patch)) continue;
      used.add(key).add(patch);
      const status: MembershipStatus = large
        ? "active"
        : pickWeighted(rng, [
            ["active", 91],
            ["prospective", 4],
            ["lapsed", 5],
          ]);
      drafts.push({
        name: base + suffixFor(legalForm, welsh),
        legalForm,
        serviceArea,
        nation,
        postcode: place.postcode,
        localAuthority: place.localAuthority,
        localAuthorityCode: place.localAuthorityCode,
        constituency: place.constituency,
        staffCount,
        membershipStatus: status,
        joinedOn:
          status === "prospective"
            ? null
            : large
              ? dateBetween(rng, "2015-01-01", "2017-12-31")
              : dateBetween(rng, "2015-01-01", status === "lapsed" ? "2023-12-31" : "2026-10-31", 1.4),
        rawIncome: staffCount * incomePerHead[serviceArea] * (0.8 + 0.4 * rng()),
        domain: `${key}.example`,
      });
      return;
    }
  }

  // Most of the sector's staff work in a handful of large community health and care spin-outs.
  const largeServices = Array.from({ length: 8 }, (_, i): ServiceArea => (i < 6 ? "health" : "social_care"));
  for (const service of largeServices) addDraft("england", service, 0, true);

  const slots = shuffle(
    rng,
    nations.flatMap((nation) => Array.from({ length: OTHER_ORGANISATIONS[nation] }, () => nation)),
  );
  for (const nation of slots) {
    const weights = serviceWeights[nation === "england" ? "england" : "devolved"];
    const service = pickWeighted(rng, weighted(serviceAreas, weights));
    const mediumChance =
      service === "health" ? 0.35 : service === "social_care" || service === "leisure" ? 0.25 : 0.08;
    addDraft(
      nation,
      service,
      rng() < mediumChance ? logUniform(rng, 300, 1000) : logUniform(rng, 20, 300),
      false,
    );
  }

  const demo = demoOrganisation();
  const large = drafts.slice(0, largeServices.length);
  const otherStaff = drafts.reduce((sum, draft) => sum + draft.staffCount, demo.staffCount);
  const weights = large.map(() => 1 + rng());
  const weightTotal = weights.reduce((sum, weight) => sum + weight, 0);
  large.forEach((draft, i) => {
    const share = ((TARGET_STAFF - otherStaff) * (weights[i] ?? 1)) / weightTotal;
    // A little noise, so the network's total is near the target rather than exactly on it.
    draft.staffCount = Math.min(3000, Math.max(1000, Math.round(share + (rng() - 0.5) * 80)));
    draft.rawIncome = draft.staffCount * incomePerHead[draft.serviceArea] * (0.8 + 0.4 * rng());
  });

  const rawTotal = drafts.reduce((sum, draft) => sum + draft.rawIncome, 0);
  const scale = (TARGET_INCOME_GBP - demo.publicIncomeGbp) / rawTotal;
  const organisations: DemoOrganisation[] = drafts.map(({ rawIncome, domain, ...org }) => ({
    ...org,
    publicIncomeGbp: Math.round(rawIncome * scale),
    people: makePeople(rng, org.nation, domain),
  }));
  organisations.push(demo);
  // In joining order, as the directory grew; prospective members, not yet joined, come last.
  organisations.sort((a, b) => (a.joinedOn ?? "9999").localeCompare(b.joinedOn ?? "9999"));

  return {
    staff: [
      person(demoAccounts.admin, "Alex Morgan", "Head of Operations", "admin"),
      person(demoAccounts.policy, "Priya Shah", "Policy Manager", "staff"),
    ],
    organisations,
  };
}

/** The organisation the member@ and leader@ demo accounts belong to; its leaders are leader@ and Rachel Ashworth. */
function demoOrganisation(): DemoOrganisation {
  return {
    name: DEMO_ORGANISATION_NAME,
    legalForm: "community_interest_company",
    serviceArea: "health",
    nation: "england",
    postcode: "DL1 5QT",
    localAuthority: "Darlington",
    localAuthorityCode: "E06000005",
    constituency: "Darlington",
    staffCount: 640,
    publicIncomeGbp: 21_450_000,
    membershipStatus: "active",
    joinedOn: "2015-06-01",
    people: [
      person(demoAccounts.leader, "Joanna Whitfield", "Chief Executive", "member", true),
      person(demoAccounts.member, "Daniel Osei", "Policy Lead", "member"),
      // A second leader: an organisation may have several, and still signs an open letter once.
      person(
        "rachel.ashworth@northgate-community-health.example",
        "Rachel Ashworth",
        "Director of Operations",
        "member",
        true,
      ),
    ],
  };
}
