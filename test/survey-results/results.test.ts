import { sql } from "kysely";
import { describe, expect, test } from "vitest";
import { presentResults } from "~/models/surveys/results-view.server.ts";
import { exportResponses } from "~/models/surveys/responses-csv.server.ts";
import { getSurveyForSummary } from "~/models/surveys/members.server.ts";
import { listTextAnswers } from "~/models/surveys/text-answers.server.ts";
import { aggregateSurvey, choiceKeys, getSurveyAggregates } from "~/models/surveys/results.server.ts";
import { toCsv } from "~/utils/csv.ts";
import { openTestDb } from "../db.ts";
import { createMemberOrg, createStaff } from "../surveys/factories.ts";
import { createResultsSurvey, seedResponses, type SeedResponse } from "./factories.ts";

const { db } = await openTestDb();
const staff = await createStaff(db);

/** 20 from England, 8 from Scotland, 2 from Northern Ireland, and one still in progress. */
async function surveyWithNations(overrides: Record<string, unknown> = {}) {
  const made = await createResultsSurvey(db, staff, overrides);
  const { q } = made;
  const org = await createMemberOrg(db);
  const response = (
    nation: "england" | "scotland" | "northern_ireland",
    choice: string,
    i: number,
  ): SeedResponse => ({
    nation,
    serviceArea: i % 2 ? "health" : "leisure",
    sizeBand: "50_to_249",
    submittedOn: nation === "england" ? "2026-11-02" : nation === "scotland" ? "2026-11-03" : "2026-11-04",
    organisationId: org.organisation.id,
    answers: {
      [q.single]: { choices: [choice] },
      [q.multiple]: { choices: i % 3 ? ["energy", "pay"] : ["vat"] },
      [q.scale]: { number: (i % 5) + 1 },
      [q.number]: { number: 1000 * (i + 1) },
      [q.yesNo]: { yes: i % 4 !== 0 },
      ...(i < 3 ? { [q.text]: { text: `=HYPERLINK("x") note ${nation} ${i}` } } : {}),
      ...(i === 0
        ? {
            [q.story]: {
              title: "Our VAT bill",
              text: `A story from ${nation}`,
              consent: nation === "england" ? "attributed" : "none",
            },
          }
        : {}),
    },
  });
  const england = Array.from({ length: 20 }, (_, i) =>
    response("england", i < 10 ? "yes-many" : i < 18 ? "a-few" : "none", i),
  );
  const scotland = Array.from({ length: 8 }, (_, i) => response("scotland", i < 5 ? "yes-many" : "a-few", i));
  const ni = Array.from({ length: 2 }, (_, i) => response("northern_ireland", "yes-many", i));
  const inProgress = { ...response("england", "none", 99), submittedOn: null };
  await seedResponses(db, made.survey, [...england, ...scotland, ...ni, inProgress]);
  return { ...made, org };
}

const rowOf = (
  table: { rows: { label: string; cells: { text: string }[]; total: { text: string } }[] } | null,
  label: string,
) => table?.rows.find((row) => row.label === label);

describe("results for staff", () => {
  test("counts only submitted responses; exact counts and percentages per answer", async () => {
    const { survey, q } = await surveyWithNations();
    const aggregates = await getSurveyAggregates(db, staff, survey.id, { by: "none", filter: null });
    const view = presentResults(aggregates, { protect: false });
    expect(view.respondents.value).toBe(30);
    const single = view.questions.find((question) => question.id === q.single);
    expect(single?.answered.value).toBe(30);
    expect(single?.table?.columns).toEqual(["Yes, many", "A few", "None", "Other"]);
    expect(rowOf(single?.table ?? null, "All respondents")?.cells.map((c) => c.text)).toEqual([
      "17",
      "11",
      "2",
      "0",
    ]);
    expect(single?.table?.rows[0]?.cells[0]?.percentText).toBe("57%");
    expect(single?.chart?.bars.map((bar) => bar.value)).toEqual([17, 11, 2, 0]);

    const multiple = view.questions.find((question) => question.id === q.multiple);
    expect(multiple?.table?.multiple).toBe(true);
    expect(multiple?.chart?.bars.map((bar) => [bar.label, bar.value])).toEqual([
      ["Energy", 19],
      ["Pay", 19],
      ["VAT", 11],
    ]);

    const scale = view.questions.find((question) => question.id === q.scale);
    expect(scale?.chart?.kind).toBe("histogram");
    expect(scale?.chart?.bars.map((bar) => bar.value)).toEqual([7, 7, 6, 5, 5]);
    expect(scale?.statistics?.[0]).toMatchObject({ mean: "2.8", median: "3" });

    const number = view.questions.find((question) => question.id === q.number);
    expect(number?.chart?.bars.reduce((sum, bar) => sum + (bar.value ?? 0), 0)).toBe(30);
    expect(number?.statistics?.[0]?.median).toBe("£7,000");

    const yesNo = view.questions.find((question) => question.id === q.yesNo);
    expect(yesNo?.chart?.bars.map((bar) => bar.value)).toEqual([22, 8]);

    const text = view.questions.find((question) => question.id === q.text);
    expect(text?.table).toBeNull();
    expect(text?.texts?.total).toBe(8);
    expect(text?.texts?.latest).toHaveLength(3);
  });

  test("choice answers count key by key whatever the order; empty or malformed ones are not answers", async () => {
    const { survey, q } = await createResultsSurvey(db, staff);
    const answer = (nation: "england" | "wales", choices: string[]): SeedResponse => ({
      nation,
      submittedOn: "2026-11-02",
      answers: { [q.multiple]: { choices }, [q.single]: { choices: choices.slice(0, 1) } },
    });
    await seedResponses(db, survey, [
      answer("england", ["energy", "pay"]),
      answer("england", ["pay", "energy"]),
      answer("england", ["vat"]),
      answer("wales", ["pay", "other"]),
      answer("wales", []),
      answer("wales", ["energy"]),
    ]);
    // A value the answering pages never write (not an array) is left out rather than failing.
    await sql`update survey_answers set choices = '"vat"'::jsonb
      where question_id = ${q.multiple} and choices = '["energy"]'::jsonb`.execute(db);
    const aggregates = await getSurveyAggregates(db, staff, survey.id, { by: "nation", filter: null });
    const multiple = aggregates.byQuestion.get(q.multiple);
    expect(Object.fromEntries(multiple?.answered ?? [])).toEqual({ england: 3, wales: 1 });
    expect(Object.fromEntries(multiple?.choices.get("energy") ?? [])).toEqual({ england: 2 });
    expect(Object.fromEntries(multiple?.choices.get("pay") ?? [])).toEqual({ england: 2, wales: 1 });
    expect(Object.fromEntries(multiple?.choices.get("vat") ?? [])).toEqual({ england: 1 });
    expect(Object.fromEntries(multiple?.choices.get("other") ?? [])).toEqual({ wales: 1 });
    const single = aggregates.byQuestion.get(q.single);
    expect(Object.fromEntries(single?.answered ?? [])).toEqual({ england: 3, wales: 2 });
    expect(Object.fromEntries(single?.choices.get("energy") ?? [])).toEqual({ england: 1, wales: 1 });
    expect(choiceKeys('["a", "b"]')).toEqual(["a", "b"]);
    expect(choiceKeys('[null, 1, "x"]')).toEqual([null, "1", "x"]);
    expect(choiceKeys('"a"')).toBeNull();
  });

  test("broken down by nation: Northern Ireland's 2 responses are hidden, and enough else hides so they cannot be worked out", async () => {
    const { survey, q } = await surveyWithNations();
    const aggregates = await getSurveyAggregates(db, staff, survey.id, { by: "nation", filter: null });
    expect(aggregates.groups).toEqual(["england", "scotland", "northern_ireland"]);
    const exact = presentResults(aggregates, { protect: false }).questions.find(
      (question) => question.id === q.single,
    );
    expect(rowOf(exact?.table ?? null, "Northern Ireland")?.cells.map((c) => c.text)).toEqual([
      "2",
      "0",
      "0",
      "0",
    ]);

    const published = presentResults(aggregates, { protect: true });
    const single = published.questions.find((question) => question.id === q.single);
    // Northern Ireland's own row would be all hidden (and force England's counts hidden beside
    // its zeros), so it is shown together with Scotland, the next smallest.
    expect(rowOf(single?.table ?? null, "Northern Ireland")).toBeUndefined();
    expect(single?.table?.merged).toBe(
      "Scotland and Northern Ireland are shown as one group: too few responses to show them one by one.",
    );
    const ni = rowOf(single?.table ?? null, "Scotland and Northern Ireland");
    expect(ni?.cells).toHaveLength(4);
    // Together they leave nothing that needs hiding; nothing reads "fewer than 5" (a suppressed
    // count, whatever the reason, reads "hidden").
    expect(single?.table?.rows.flatMap((row) => row.cells).some((c) => c.text.startsWith("fewer"))).toBe(
      false,
    );
    // Not one row or column has a single withheld count left in it.
    const table = single?.table;
    for (const row of table?.rows ?? []) {
      const withheld = [...row.cells, row.total].filter((c) => c.text === "hidden");
      expect(withheld.length, row.label).not.toBe(1);
    }
    // Percentages are never given for withheld counts.
    const cells = single?.table?.rows.flatMap((row) => row.cells) ?? [];
    expect(cells.filter((c) => c.value === null).every((c) => c.percentText === null)).toBe(true);
    // Means of a group below the threshold are withheld too.
    const scale = published.questions.find((question) => question.id === q.scale);
    // (or Northern Ireland's answers are averaged only together with another nation's, as in the table).
    const niStatistics = scale?.statistics?.find((row) => row.label.includes("Northern Ireland"));
    const niTable = scale?.table?.rows.find((row) => row.label.includes("Northern Ireland"));
    expect(niStatistics?.label).toBe(niTable?.label);
    if (niStatistics?.label === "Northern Ireland")
      expect(niStatistics).toMatchObject({ mean: null, median: null });
    else expect(niStatistics?.n.value).toBeGreaterThanOrEqual(5);
    // Published number ranges have open ends holding at least 5 answers: no lone outlier's range.
    const number = published.questions.find((question) => question.id === q.number);
    const labels = number?.chart?.bars.map((bar) => bar.label) ?? [];
    expect(labels[0]).toMatch(/^under /);
    expect(labels[labels.length - 1]).toMatch(/ or more$/);
    // No text answers in a published view.
    expect(published.questions.find((question) => question.id === q.text)?.texts).toBeNull();
  });

  test("a filter keeps only one group's responses; anonymous surveys refuse a filter on another attribute", async () => {
    const { survey, q } = await surveyWithNations();
    const scotland = await getSurveyAggregates(db, staff, survey.id, {
      by: "service_area",
      filter: { attribute: "nation", value: "scotland" },
    });
    expect([...scotland.respondents.values()].reduce((a, b) => a + b, 0)).toBe(8);
    const single = presentResults(scotland, { protect: false }).questions.find(
      (question) => question.id === q.single,
    );
    expect(rowOf(single?.table ?? null, "All respondents")?.cells.map((c) => c.text)).toEqual([
      "5",
      "3",
      "0",
      "0",
    ]);

    const anonymous = await createResultsSurvey(db, staff, { anonymity: "anonymous" });
    const aggregates = await getSurveyAggregates(db, staff, anonymous.survey.id, {
      by: "service_area",
      filter: { attribute: "nation", value: "scotland" },
    });
    expect(aggregates.scope.filter).toBeNull();
  });

  test("a survey nobody has answered yet shows empty results, not an error", async () => {
    const { survey } = await createResultsSurvey(db, staff, { anonymity: "anonymous" });
    for (const by of ["none", "nation"] as const) {
      const aggregates = await getSurveyAggregates(db, staff, survey.id, { by, filter: null });
      for (const protect of [true, false]) {
        const view = presentResults(aggregates, { protect });
        expect(view.respondents.text).toBe("0");
        expect(view.questions.every((question) => question.answered.text === "0")).toBe(true);
      }
    }
  });

  test("response rate over time adds up day by day", async () => {
    const { survey } = await surveyWithNations({ opensOn: "2026-11-01", closesOn: "2026-11-05" });
    const view = presentResults(
      await getSurveyAggregates(db, staff, survey.id, { by: "none", filter: null }),
      {
        protect: false,
      },
    );
    expect(view.overTime.map((day) => [day.day, day.cumulative])).toEqual([
      ["2026-11-01", 0],
      ["2026-11-02", 20],
      ["2026-11-03", 28],
      ["2026-11-04", 30],
      ["2026-11-05", 30],
    ]);
  });

  test("text answers page by page, with consent, and names only where staff may see them", async () => {
    const { survey, q, org } = await surveyWithNations();
    const page = await listTextAnswers(db, staff, survey.id, q.story, { page: 1, filter: null });
    expect(page.total).toBe(3);
    expect(page.items.map((a) => a.consent).sort()).toEqual(["attributed", "none", "none"]);
    expect(page.items[0]?.organisation).toBe(org.organisation.name);
    const texts = await listTextAnswers(db, staff, survey.id, q.text, {
      page: 1,
      filter: { attribute: "nation", value: "scotland" },
    });
    expect(texts.total).toBe(3);
    // Neither a choice question without "other, please say" nor a number has text to list.
    for (const id of [q.multiple, q.scale]) {
      await expect(
        listTextAnswers(db, staff, survey.id, id, { page: 1, filter: null }),
      ).rejects.toMatchObject({
        status: 404,
      });
    }
  });

  test("texts written under “Other”: counted and listed for staff like text answers, never published", async () => {
    const build = async (anonymity: "named" | "anonymous") => {
      const made = await createResultsSurvey(db, staff, { anonymity });
      const org = await createMemberOrg(db);
      const other = (i: number, nation: "england" | "wales", submittedOn: string | null): SeedResponse => ({
        nation,
        submittedOn,
        organisationId: org.organisation.id,
        answers: { [made.q.single]: { choices: ["other"], otherText: `Museums ${nation} ${i}` } },
      });
      await seedResponses(db, made.survey, [
        ...Array.from({ length: 4 }, (_, i) => other(i, "england", "2026-11-02")),
        other(4, "wales", "2026-11-03"),
        { submittedOn: "2026-11-03", answers: { [made.q.single]: { choices: ["none"] } } },
        // Still in progress: not counted, not listed.
        other(5, "england", null),
      ]);
      return { ...made, org };
    };
    const named = await build("named");
    const all = await getSurveyAggregates(db, staff, named.survey.id, { by: "nation", filter: null });
    expect(all.otherTexts.get(named.q.single)).toBe(5);
    // A question without "other, please say" has nothing to count.
    expect(all.otherTexts.has(named.q.multiple)).toBe(false);
    const exactView = presentResults(all, { protect: false }).questions.find((v) => v.id === named.q.single);
    expect(exactView?.otherTexts?.total).toBe(5);
    const published = presentResults(all, { protect: true }).questions.find((v) => v.id === named.q.single);
    expect(published?.otherTexts).toBeNull();

    const wales = await getSurveyAggregates(db, staff, named.survey.id, {
      by: "none",
      filter: { attribute: "nation", value: "wales" },
    });
    expect(wales.otherTexts.get(named.q.single)).toBe(1);

    const listed = await listTextAnswers(db, staff, named.survey.id, named.q.single, {
      page: 1,
      filter: null,
    });
    expect(listed).toMatchObject({ other: true, total: 5 });
    expect(listed.items.map((a) => a.text)).toEqual([
      "Museums wales 4",
      "Museums england 3",
      "Museums england 2",
      "Museums england 1",
      "Museums england 0",
    ]);
    expect(listed.items[0]).toMatchObject({ organisation: named.org.organisation.name, consent: null });
    const filtered = await listTextAnswers(db, staff, named.survey.id, named.q.single, {
      page: 1,
      filter: { attribute: "nation", value: "wales" },
    });
    expect(filtered.items.map((a) => a.text)).toEqual(["Museums wales 4"]);

    // Anonymous: the texts, never who wrote them.
    const anonymous = await build("anonymous");
    const unnamed = await listTextAnswers(db, staff, anonymous.survey.id, anonymous.q.single, {
      page: 1,
      filter: null,
    });
    expect(unnamed.total).toBe(5);
    expect(unnamed.items.every((a) => a.organisation === null)).toBe(true);

    // The members' summary reads no texts at all.
    const summary = await aggregateSurvey(db, named.survey, { by: "none", filter: null }, { texts: false });
    expect(summary.otherTexts.size).toBe(0);
    expect(presentResults(summary, { protect: true }).questions.every((v) => v.otherTexts === null)).toBe(
      true,
    );
    expect(JSON.stringify(presentResults(summary, { protect: true }))).not.toContain("Museums");
  });

  test("CSV: one row per submitted response, names only in named surveys, formulas neutralised", async () => {
    const named = await surveyWithNations();
    const { csv } = await exportResponses(db, staff, named.survey.id);
    expect(csv.rows).toHaveLength(30);
    expect(csv.header.slice(0, 10)).toEqual([
      "Response",
      "Submitted on",
      "Organisation",
      "Submitted by",
      "Nation code",
      "Nation",
      "Service area code",
      "Service area",
      "Size code",
      "Size",
    ]);
    // Codes for scripts, labels beside them for people: the respondent's groups and every choice.
    const column = (name: string) => csv.header.indexOf(name);
    const first = csv.rows[0] ?? [];
    expect(first.slice(column("Nation code"), column("Size") + 1)).toEqual([
      "england",
      "England",
      "leisure",
      "Leisure",
      "50_to_249",
      "50 to 249 staff",
    ]);
    expect(column("Do you share services? (codes)")).toBe(column("Do you share services?") + 1);
    expect(first[column("Do you share services?")]).toBe("Yes, many");
    expect(first[column("Do you share services? (codes)")]).toBe("yes-many");
    expect(first[column("Which costs rose?")]).toBe("VAT");
    expect(first[column("Which costs rose? (codes)")]).toBe("vat");
    expect(csv.rows[1]?.[column("Which costs rose?")]).toBe("Energy; Pay");
    expect(csv.rows[1]?.[column("Which costs rose? (codes)")]).toBe("energy; pay");
    expect(csv.header).toContain("Do you share services? (other)");
    expect(csv.header).toContain("Tell us a story (consent)");
    const text = toCsv(csv.header, csv.rows);
    expect(text).toContain(named.org.organisation.name);
    expect(text).toContain(`"'=HYPERLINK(""x"") note england 0"`);
    expect(text).not.toMatch(/,=HYPERLINK/);

    const confidential = await surveyWithNations({ anonymity: "confidential" });
    const { csv: hidden } = await exportResponses(db, staff, confidential.survey.id);
    expect(hidden.header).not.toContain("Organisation");
    expect(toCsv(hidden.header, hidden.rows)).not.toContain(confidential.org.organisation.name);
  });

  test("members never reach staff results; the summary opens to invited members once closed", async () => {
    const { survey } = await surveyWithNations();
    const member = (await createMemberOrg(db)).people[0];
    if (!member) throw new Error("member");
    await expect(
      getSurveyAggregates(db, member, survey.id, { by: "none", filter: null }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(exportResponses(db, member, survey.id)).rejects.toMatchObject({ status: 404 });
    await expect(getSurveyForSummary(db, member, survey.id)).rejects.toMatchObject({ status: 404 });
    await db
      .insertInto("survey_invitations")
      .values({ survey_id: survey.id, person_id: member.id, organisation_id: member.organisationId ?? 0 })
      .execute();
    // Invited, but the survey is still a draft: nothing to see yet.
    await expect(getSurveyForSummary(db, member, survey.id)).rejects.toMatchObject({ status: 404 });
    await db
      .updateTable("surveys")
      .set({ state: "closed", closed_at: new Date() })
      .where("id", "=", survey.id)
      .execute();
    await expect(getSurveyForSummary(db, member, survey.id)).resolves.toMatchObject({ id: survey.id });
    await expect(getSurveyForSummary(db, member, 2_000_000)).rejects.toMatchObject({ status: 404 });
  });
});
