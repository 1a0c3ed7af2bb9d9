import { relevanceOf } from "../app/models/consultations/topic-keywords.server.ts";
import type { Db } from "../app/utils/db.server.ts";
import { jsonb } from "../app/utils/jsonb.server.ts";
import { londonDay } from "../app/utils/london-time.ts";

/** Keywords for the positions' topics, so the radar flags something on a first demo start. */
export const demoTopicKeywords: [topic: string, keyword: string][] = [
  ["vat", "vat"],
  ["vat", "cost sharing"],
  ["pensions", "pension"],
  ["pensions", "pensions"],
  ["pensions", "lgps"],
  ["commissioning", "commissioning"],
  ["commissioning", "social value"],
  ["procurement", "procurement"],
  ["workforce", "tupe"],
  ["governance", "employee ownership"],
  ["governance", "public service mutuals"],
  ["funding", "grant funding"],
];

const day = (offset: number) => londonDay(new Date(Date.now() + offset * 86_400_000));

/** A handful of consultations entered by hand (the kind the importers do not reach), relative to today. */
export function demoConsultations() {
  return [
    {
      title: "Social value in Welsh public procurement: statutory guidance",
      description: "Draft guidance on the socially responsible procurement duty for Welsh public bodies.",
      body: "Welsh Government",
      level: "devolved",
      nation: "wales",
      url: "https://www.gov.wales/consultations",
      opens_on: day(-12),
      closes_on: day(18),
    },
    {
      title: "Leisure and libraries: future delivery model",
      description: "Options for running leisure centres and libraries, including a staff-led mutual.",
      body: "Cardiff Council",
      level: "local",
      nation: "wales",
      url: "https://www.cardiff.gov.uk/",
      opens_on: day(-3),
      closes_on: day(5),
    },
    {
      title: "Community health services: commissioning intentions 2027 to 2030",
      description: "How the council and the integrated care board will commission community health services.",
      body: "Northshire County Council",
      level: "local",
      nation: "england",
      url: "https://www.example.gov.uk/consultations/community-health",
      opens_on: day(-20),
      closes_on: day(40),
    },
    {
      title: "Youth work strategy for Wales",
      description: "A new strategy for youth work.",
      body: "Welsh Government",
      level: "devolved",
      nation: "wales",
      url: "https://www.gov.wales/youth-work-strategy",
      opens_on: day(-1),
      closes_on: day(60),
    },
  ];
}

/** Called from seedDemoNetwork, inside its transaction. */
export async function seedDemoConsultations(db: Db): Promise<number> {
  await db
    .insertInto("topic_keywords")
    .values(demoTopicKeywords.map(([topic, keyword]) => ({ topic, keyword })))
    .onConflict((oc) => oc.columns(["topic", "keyword"]).doNothing())
    .execute();
  const keywords = demoTopicKeywords.map(([topic, keyword]) => ({ topic, keyword }));
  const rows = demoConsultations().map((consultation) => {
    const relevance = relevanceOf(consultation, keywords);
    return { ...consultation, relevant: relevance.relevant, matched_keywords: jsonb(relevance.matched) };
  });
  await db.insertInto("consultations").values(rows).execute();
  return rows.length;
}
