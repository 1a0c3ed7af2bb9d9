import { sql, type Kysely } from "kysely";

/*
 * Surveys: staff build them, members answer them through personal links. Frozen once landed: later
 * changes go in a new migration (additive only; the results side reads these tables).
 *
 * TABLE CONTRACT (what the results side may rely on)
 *
 * surveys            one row per survey (a "copy as new version" is a new row, previous_version_id
 *                    pointing at the survey it copies). state: draft → open → closed → archived.
 *                    mode 'organisation' = one response per organisation, 'person' = one per person.
 *                    anonymity 'named' | 'confidential' | 'anonymous' (anonymous ⇒ mode 'person').
 *                    disclosure_threshold ≥ 3 (default 5). audience jsonb
 *                    {"nations": Nation[], "serviceAreas": ServiceArea[], "sizeBands": SizeBand[]},
 *                    an empty list meaning "no filter on that attribute".
 * survey_sections    ordered by (position, id) within a survey.
 * survey_questions   ordered by (position, id) within a section. kind is one of questionKinds in
 *                    app/schemas/surveys.ts; settings jsonb is the matching shape there
 *                    (choices [{key,label}] + allowOther; scale min/max/minLabel/maxLabel; number
 *                    min/max/unit). Once any answer exists only prompt/help_text may change.
 * survey_responses   one row per respondent (organisation or person), status 'in_progress' |
 *                    'submitted'. Count only status = 'submitted'. Breakdown attributes nation,
 *                    service_area, size_band are copied from the directory when the response is
 *                    created (organisation's values at that time); NULL = unknown or withheld.
 *                    submitted_on (London date) is set for every submitted response, for response
 *                    rate over time; submitted_at (exact time) and organisation_id / person_id /
 *                    submitted_by are always NULL for anonymous surveys (CHECK below).
 *                    For anonymous surveys a breakdown attribute is stored only when at least
 *                    disclosure_threshold organisations in the audience share that value, so the
 *                    stored value alone never narrows a response to fewer than that many
 *                    organisations; the results side must break anonymous surveys down by one
 *                    attribute at a time.
 * survey_answers     one row per (response, question) that has an answer; typed columns:
 *                      single_choice   choices = ["key"]           other_text when "other"
 *                      multiple_choice choices = ["key", ...]      other_text when "other"
 *                                      (jsonb array; the key "other" stands for the "other, please say" box)
 *                      scale, number   number (numeric: pg/PGlite return it as a string)
 *                      yes_no          yes (boolean)
 *                      short_text, long_text  text
 *                      case_study      title + text, consent 'none' | 'anonymous' | 'attributed'
 *                    Indexed on question_id for per-question aggregation.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the app's Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("surveys")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("title", "text", (col) => col.notNull())
    .addColumn("introduction", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("state", "text", (col) =>
      col
        .notNull()
        .defaultTo("draft")
        .check(sql`state in ('draft', 'open', 'closed', 'archived')`),
    )
    .addColumn("mode", "text", (col) => col.notNull().check(sql`mode in ('organisation', 'person')`))
    .addColumn("anonymity", "text", (col) =>
      col.notNull().check(sql`anonymity in ('named', 'confidential', 'anonymous')`),
    )
    // No defaults on jsonb columns: the generated types then accept the JSON text the app writes.
    .addColumn("audience", "jsonb", (col) => col.notNull())
    .addColumn("opens_on", "date")
    // The end of the closing day in London; required before opening.
    .addColumn("closes_at", "timestamptz")
    .addColumn("disclosure_threshold", "integer", (col) =>
      col
        .notNull()
        .defaultTo(5)
        .check(sql`disclosure_threshold >= 3`),
    )
    .addColumn("reminder_days_before", "integer", (col) =>
      col.check(sql`reminder_days_before between 1 and 60`),
    )
    // Set once by the background loop: the automatic reminder is sent at most once per survey.
    .addColumn("automatic_reminder_sent_at", "timestamptz")
    // Bumped by every builder save, so a stale edit is refused instead of overwriting.
    .addColumn("version", "integer", (col) => col.notNull().defaultTo(1))
    .addColumn("previous_version_id", "integer", (col) => col.references("surveys.id").onDelete("set null"))
    .addColumn("created_by", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("opened_at", "timestamptz")
    .addColumn("closed_at", "timestamptz")
    .addColumn("archived_at", "timestamptz")
    .addCheckConstraint("surveys_anonymous_is_per_person", sql`anonymity <> 'anonymous' or mode = 'person'`)
    .execute();
  await db.schema.createIndex("surveys_state_idx").on("surveys").columns(["state", "updated_at"]).execute();

  await db.schema
    .createTable("survey_sections")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("survey_id", "integer", (col) => col.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("position", "integer", (col) => col.notNull())
    .addColumn("title", "text", (col) => col.notNull())
    .addColumn("introduction", "text", (col) => col.notNull().defaultTo(""))
    .execute();
  await db.schema
    .createIndex("survey_sections_survey_idx")
    .on("survey_sections")
    .columns(["survey_id", "position"])
    .execute();

  await db.schema
    .createTable("survey_questions")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("survey_id", "integer", (col) => col.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("section_id", "integer", (col) =>
      col.notNull().references("survey_sections.id").onDelete("cascade"),
    )
    .addColumn("position", "integer", (col) => col.notNull())
    .addColumn("kind", "text", (col) =>
      col
        .notNull()
        .check(
          sql`kind in ('single_choice', 'multiple_choice', 'scale', 'number', 'yes_no', 'short_text', 'long_text', 'case_study')`,
        ),
    )
    .addColumn("prompt", "text", (col) => col.notNull())
    .addColumn("help_text", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("required", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("settings", "jsonb", (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("survey_questions_section_idx")
    .on("survey_questions")
    .columns(["section_id", "position"])
    .execute();
  await db.schema
    .createIndex("survey_questions_survey_idx")
    .on("survey_questions")
    .column("survey_id")
    .execute();

  await db.schema
    .createTable("survey_invitations")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("survey_id", "integer", (col) => col.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("person_id", "integer", (col) => col.notNull().references("people.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (col) =>
      col.notNull().references("organisations.id").onDelete("cascade"),
    )
    // Only the hash of the emailed token; cleared when the survey closes, so the link dies with it.
    .addColumn("token_hash", "text", (col) => col.unique())
    // The link in a reminder email (the first link keeps working too); cleared with token_hash.
    .addColumn("reminder_token_hash", "text", (col) => col.unique())
    // Only a flag, never a time: in anonymous surveys a time could be matched to a response.
    .addColumn("responded", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("survey_invitations_survey_person_key", ["survey_id", "person_id"])
    .execute();
  await db.schema
    .createIndex("survey_invitations_person_idx")
    .on("survey_invitations")
    .column("person_id")
    .execute();

  // Once-only guard: a person gets each kind of reminder for a survey at most once.
  await db.schema
    .createTable("survey_reminders")
    .addColumn("invitation_id", "integer", (col) =>
      col.notNull().references("survey_invitations.id").onDelete("cascade"),
    )
    .addColumn("kind", "text", (col) => col.notNull().check(sql`kind in ('manual', 'automatic')`))
    .addColumn("sent_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("survey_reminders_pkey", ["invitation_id", "kind"])
    .execute();

  await db.schema
    .createTable("survey_responses")
    .addColumn("id", "integer", (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("survey_id", "integer", (col) => col.notNull().references("surveys.id").onDelete("cascade"))
    // 'organisation:<id>' or 'person:<id>' for named and confidential surveys; for anonymous ones
    // a hash derived from the invitation token (a different prefix from token_hash), so only the
    // holder of the link can find the response again.
    .addColumn("respondent_key", "text", (col) => col.notNull())
    .addColumn("organisation_id", "integer", (col) => col.references("organisations.id").onDelete("set null"))
    .addColumn("person_id", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addColumn("status", "text", (col) =>
      col
        .notNull()
        .defaultTo("in_progress")
        .check(sql`status in ('in_progress', 'submitted')`),
    )
    .addColumn("anonymous", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("nation", "text")
    .addColumn("service_area", "text")
    .addColumn("size_band", "text")
    .addColumn("submitted_on", "date")
    .addColumn("submitted_at", "timestamptz")
    .addColumn("submitted_by", "integer", (col) => col.references("people.id").onDelete("set null"))
    .addUniqueConstraint("survey_responses_respondent_key", ["survey_id", "respondent_key"])
    .addCheckConstraint(
      "survey_responses_anonymous_unlinked",
      sql`not anonymous or (organisation_id is null and person_id is null and submitted_at is null and submitted_by is null)`,
    )
    .addCheckConstraint(
      "survey_responses_submitted_dated",
      sql`(status = 'submitted') = (submitted_on is not null)`,
    )
    .execute();
  await db.schema
    .createIndex("survey_responses_survey_status_idx")
    .on("survey_responses")
    .columns(["survey_id", "status"])
    .execute();

  // Optimistic concurrency per page: each section of a response has its own version, so two
  // colleagues on different pages never clash, and a stale save of the same page is refused.
  await db.schema
    .createTable("survey_response_sections")
    .addColumn("response_id", "integer", (col) =>
      col.notNull().references("survey_responses.id").onDelete("cascade"),
    )
    .addColumn("section_id", "integer", (col) =>
      col.notNull().references("survey_sections.id").onDelete("cascade"),
    )
    .addColumn("version", "integer", (col) => col.notNull().defaultTo(1))
    // Who saved it last, by name, for the conflict message; NULL in anonymous surveys.
    .addColumn("saved_by_name", "text")
    .addPrimaryKeyConstraint("survey_response_sections_pkey", ["response_id", "section_id"])
    .execute();

  await db.schema
    .createTable("survey_answers")
    .addColumn("response_id", "integer", (col) =>
      col.notNull().references("survey_responses.id").onDelete("cascade"),
    )
    .addColumn("question_id", "integer", (col) =>
      col.notNull().references("survey_questions.id").onDelete("cascade"),
    )
    // A JSON array of choice keys (jsonb, not text[]: the two drivers agree on jsonb).
    .addColumn("choices", "jsonb")
    .addColumn("other_text", "text")
    .addColumn("number", "numeric")
    .addColumn("yes", "boolean")
    .addColumn("title", "text")
    .addColumn("text", "text")
    .addColumn("consent", "text", (col) => col.check(sql`consent in ('none', 'anonymous', 'attributed')`))
    .addPrimaryKeyConstraint("survey_answers_pkey", ["response_id", "question_id"])
    .execute();
  await db.schema
    .createIndex("survey_answers_question_idx")
    .on("survey_answers")
    .columns(["question_id", "response_id"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "survey_answers",
    "survey_response_sections",
    "survey_responses",
    "survey_reminders",
    "survey_invitations",
    "survey_questions",
    "survey_sections",
    "surveys",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
