/**
 * Open consultations in the shapes GOV.UK search.json, the GOV.UK Content API and Citizen Space
 * API 2.4 (`fields=extended`) answer with, including the fields the radar ignores. Dates are
 * relative to today so the fixtures stay open. Shared by the msw handlers, the browser story's
 * fixture server and the import benchmark.
 */
const DAY = 86_400_000;
export const isoDaysFromNow = (days: number) =>
  new Date(Date.now() + days * DAY).toISOString().replace(/\.\d{3}Z$/, ".000+00:00");
export const slashDaysFromNow = (days: number) =>
  new Date(Date.now() + days * DAY).toISOString().slice(0, 10).replaceAll("-", "/");

const organisation = (title: string, slug: string, acronym: string, type: string, contentId: string) => ({
  acronym,
  content_id: contentId,
  link: `/government/organisations/${slug}`,
  logo_formatted_title: title,
  organisation_brand_colour_class_name: slug,
  organisation_crest: "single-identity",
  organisation_state: "live",
  organisation_type: type,
  slug,
  title,
});

export const hmrc = organisation(
  "HM Revenue & Customs",
  "hm-revenue-customs",
  "HMRC",
  "non_ministerial_department",
  "6667cce2-e809-4e21-ae09-cb0bdc1ddda3",
);
export const hmt = organisation(
  "HM Treasury",
  "hm-treasury",
  "HMT",
  "ministerial_department",
  "1994e0e4-bb31-4ad8-8a0a-8da0e6c8c9e7",
);
export const dhsc = organisation(
  "Department of Health and Social Care",
  "department-of-health-and-social-care",
  "DHSC",
  "ministerial_department",
  "7cd6bf12-bbe9-4118-8523-f927b0442156",
);
export const cabinetOffice = organisation(
  "Cabinet Office",
  "cabinet-office",
  "CO",
  "ministerial_department",
  "96ae61d6-c2a1-48cb-8e67-da9d105ae381",
);

export type GovukFixture = {
  content_id: string;
  title: string;
  description: string;
  link: string;
  public_timestamp: string;
  end_date?: string;
  organisations: ReturnType<typeof organisation>[];
};

/** A search result as search.json returns it: the requested fields plus its bookkeeping ones. */
export const searchResult = (fixture: GovukFixture) => ({
  ...fixture,
  index: "government",
  es_score: null,
  model_score: null,
  original_rank: null,
  combined_score: null,
  _id: fixture.link,
  elasticsearch_type: "edition",
  document_type: "edition",
});

export function govukFixtures(): GovukFixture[] {
  return [
    {
      content_id: "3b5e5d4a-2f0c-4b9e-9a57-0c2b0f6f1a01",
      title: "VAT: cost sharing exemption for public service mutuals",
      description:
        "We are seeking views on extending the VAT cost sharing exemption to shared services between public service mutuals and public bodies.",
      link: "/government/consultations/vat-cost-sharing-exemption-for-public-service-mutuals",
      public_timestamp: isoDaysFromNow(-10),
      end_date: isoDaysFromNow(40),
      organisations: [hmt, hmrc],
    },
    {
      content_id: "8c1f6a2e-77d4-4f4b-8a0e-4f5d3c2b1a02",
      title: "Adult social care charging reform: technical consultation",
      description: "Proposals for implementing the cap on care costs and changes to the means test.",
      link: "/government/consultations/adult-social-care-charging-reform-technical-consultation",
      public_timestamp: isoDaysFromNow(-3),
      end_date: isoDaysFromNow(5),
      organisations: [dhsc],
    },
    {
      content_id: "b4d2e6f1-9a3c-4e8d-b7f6-1c2d3e4f5a03",
      title: "Procurement: thresholds for contracts reserved for mutuals",
      description:
        "How the reserved contracts regime for public service mutuals should work under the Procurement Act.",
      link: "/government/consultations/procurement-thresholds-for-reserved-contracts",
      public_timestamp: isoDaysFromNow(-20),
      // No end_date in search: the importer asks the Content API.
      organisations: [cabinetOffice],
    },
    {
      content_id: "d9e8f7a6-b5c4-4d3e-8f2a-1b0c9d8e7f04",
      title: "Private parking code of practice",
      description: "Changes to the code of practice for private parking operators.",
      link: "/government/consultations/private-parking-code-of-practice",
      public_timestamp: isoDaysFromNow(-1),
      end_date: isoDaysFromNow(60),
      organisations: [],
    },
  ];
}

/** Content API items for links whose search result lacks end_date. */
export function govukContentFixtures(): Record<string, unknown> {
  return {
    "/government/consultations/procurement-thresholds-for-reserved-contracts": {
      base_path: "/government/consultations/procurement-thresholds-for-reserved-contracts",
      content_id: "b4d2e6f1-9a3c-4e8d-b7f6-1c2d3e4f5a03",
      document_type: "open_consultation",
      schema_name: "consultation",
      title: "Procurement: thresholds for contracts reserved for mutuals",
      locale: "en",
      public_updated_at: isoDaysFromNow(-20),
      details: {
        body: "<p>The Procurement Act 2023 allows contracting authorities to reserve some contracts.</p>",
        opening_date: isoDaysFromNow(-20),
        closing_date: isoDaysFromNow(25),
        held_on_another_website_url: "",
        ways_to_respond: { email: "procurement.reform@cabinetoffice.gov.uk" },
        national_applicability: {
          england: { label: "England", applies_to: true },
          northern_ireland: { label: "Northern Ireland", applies_to: false },
          scotland: { label: "Scotland", applies_to: false },
          wales: { label: "Wales", applies_to: true },
        },
        political: false,
        emphasised_organisations: [cabinetOffice.content_id],
      },
      links: {},
    },
  };
}

/** One page of search.json as GOV.UK answers it. */
export function searchPage(results: unknown[], total: number, start: number) {
  return {
    results,
    total,
    start,
    aggregates: {},
    suggested_queries: [],
    suggested_autocomplete: [],
    es_cluster: "A",
    reranked: false,
  };
}

/** Many results for the benchmark: realistic text, every tenth about a topic the seed keywords know. */
export function generatedGovukResults(count: number) {
  const subjects = [
    "VAT treatment of shared services",
    "Local Government Pension Scheme: investment pooling",
    "Leisure centre funding",
    "Library service standards",
    "Road haulage permits",
    "Bathing water quality",
    "Fishing quotas",
    "Apprenticeship levy",
    "Youth services statutory guidance",
    "Commissioning community health services",
  ];
  return Array.from({ length: count }, (_, index) => {
    const subject = subjects[index % subjects.length] ?? "Consultation";
    const slug = `${subject.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${index + 1}`;
    return searchResult({
      content_id: `00000000-0000-4000-8000-${String(index + 1).padStart(12, "0")}`,
      title: `${subject} (${index + 1})`,
      description: `We are seeking views on ${subject.toLowerCase()}. This consultation closes in ${30 + (index % 60)} days.`,
      link: `/government/consultations/${slug}`,
      public_timestamp: isoDaysFromNow(-(index % 20)),
      end_date: isoDaysFromNow(30 + (index % 60)),
      organisations: [index % 2 ? hmt : dhsc],
    });
  });
}

export interface CitizenSpaceFixture {
  id: string;
  title: string;
  url: string;
  status: string;
  overview: string;
  startdate: string;
  enddate: string;
  department?: string;
}

/** json_search_results?st=open&fields=extended from consult.gov.scot. */
export function scotlandFixtures(site = "https://consult.gov.scot") {
  return [
    citizenSpaceActivity(site, {
      id: "social-care/national-care-service-commissioning",
      title: "Ethical commissioning of social care services",
      overview:
        "<p>The Scottish Government is seeking views on <strong>ethical commissioning</strong> and procurement of social care.</p>",
      startdate: slashDaysFromNow(-7),
      enddate: slashDaysFromNow(30),
      department: "Social Care and National Care Service Development",
    }),
    citizenSpaceActivity(site, {
      id: "environment-forestry/deer-management",
      title: "Managing deer for climate and nature",
      overview: "<p>Proposals on deer management.</p>",
      startdate: slashDaysFromNow(-14),
      enddate: slashDaysFromNow(12),
      department: "Environment and Forestry",
    }),
  ];
}

/** json_search_results from consultations2.nidirect.gov.uk. */
export function northernIrelandFixtures(site = "https://consultations2.nidirect.gov.uk") {
  return [
    citizenSpaceActivity(site, {
      id: "dof/public-sector-pensions-review",
      title: "Review of public sector pensions administration",
      overview: "<p>Department of Finance consultation on pensions administration.</p>",
      startdate: slashDaysFromNow(-2),
      enddate: slashDaysFromNow(50),
      department: "Department of Finance",
    }),
  ];
}

export function citizenSpaceActivity(
  site: string,
  fixture: Omit<CitizenSpaceFixture, "url" | "status"> & Partial<CitizenSpaceFixture>,
) {
  return {
    url: `${site}/${fixture.id}/`,
    status: "open",
    ...fixture,
    owner: "Consultation Team",
    owner_email: "consultations@example.gov.uk",
    consultation_type: "QuickConsult",
    participate_url: `${site}/${fixture.id}/consultation/intro/`,
    published_responses_url: "",
    results_url: "",
    areas: [],
    audiences: [{ id: "public", name: "Members of the public" }],
    interests: [],
  };
}

/**
 * Search results whose text is HTML-escaped as search.json sends it: an escaped ampersand in the
 * title and an organisation, numeric and named entities, and a description escaped twice.
 */
export function escapedGovukFixtures(): GovukFixture[] {
  const [first] = govukFixtures();
  if (!first) throw new Error("govukFixtures is empty");
  return [
    {
      ...first,
      content_id: "0e5c7a1b-1111-4c2d-9e3f-aa00bb11cc22",
      title: "Public bodies &amp; their spin-outs: staff transfer",
      description:
        "We&#8217;re asking about 2027&ndash;2030 &amp;lt;b&amp;gt;transfers&amp;lt;/b&amp;gt; &hellip;",
      link: "/government/consultations/public-bodies-and-their-spin-outs",
      organisations: [{ ...hmt, title: "HM Treasury &amp; Cabinet Office" }],
    },
  ];
}

/** A consult.gov.scot activity whose title and overview carry entities. */
export function escapedScotlandFixtures(site = "https://consult.gov.scot") {
  return [
    citizenSpaceActivity(site, {
      id: "fair-work/mutuals-and-employee-ownership",
      title: "Employee ownership &amp; mutuals: Fair Work&nbsp;first",
      overview: "<p>Views on Scotland&rsquo;s mutuals &ndash; &#x201C;Fair Work&#x201D;.</p>",
      startdate: slashDaysFromNow(-1),
      enddate: slashDaysFromNow(20),
      department: "Fair Work and Employability",
    }),
  ];
}
