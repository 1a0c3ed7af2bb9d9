import { sql } from "kysely";
import type { Actor } from "~/models/accounts/people.server.ts";
import { governmentSchema, governmentLabels } from "~/schemas/governments.ts";
import type { Db } from "~/utils/db.server.ts";

/** A document that went out and used an organisation's evidence or signature. */
export interface EvidenceUse {
  kind: "position" | "submission" | "letter";
  title: string;
  /** Who it was addressed to: the government for a submission, the addressee for a letter. */
  to: string | null;
  /** When it was published, sent or delivered. */
  on: Date | null;
  publicPath: string | null;
  outcome: string | null;
}

/**
 * Every published position, submitted consultation response and delivered letter that used this
 * member's organisation's contribution, newest first, in one query:
 *  - a delivered letter the organisation is a signatory of (as frozen when the letter closed);
 *  - a position or submission whose signed-off citations include a figure or quote from a survey
 *    the organisation responded to. Only the invitation's "responded" mark is read, never which
 *    response a quote came from, so anonymous surveys count the same way and nothing here says
 *    which answer was the organisation's.
 */
export async function listEvidenceUses(db: Db, actor: Actor, limit = 50): Promise<EvidenceUse[]> {
  if (actor.role !== "member" || actor.organisationId === null) return [];
  const organisationId = actor.organisationId;
  const { rows } = await sql<{
    kind: string;
    title: string;
    to: string | null;
    on: Date | null;
    public_path: string | null;
    outcome: string | null;
  }>`
    with responded as (
      select distinct survey_id from survey_invitations
      where organisation_id = ${organisationId} and responded
    ),
    cited as (
      select distinct c.subject_type, c.subject_id
      from evidence_citations c
      join evidence_items e on e.id = c.evidence_id
      where e.origin->>'type' in ('survey_figure', 'survey_quote')
        and (e.origin->>'surveyId')::int in (select survey_id from responded)
    )
    select 'position' as kind, p.title, null::text as to, p.published_at as on,
      case when p.is_public then '/p/' || p.slug end as public_path, null::text as outcome
    from positions p
    join cited on cited.subject_type = 'position_version' and cited.subject_id = p.published_version_id
    where p.state = 'published'
    union all
    select 'submission', c.title, s.government,
      (select min(r.sent_at) from submission_records r where r.submission_id = s.id),
      case when s.slug is not null then '/c/' || s.slug end,
      (select nullif(concat_ws(' ', o.note, o.response_url), '') from submission_outcomes o
        where o.submission_id = s.id order by o.recorded_at desc, o.id desc limit 1)
    from submissions s
    join consultations c on c.id = s.consultation_id
    join cited on cited.subject_type = 'submission' and cited.subject_id = s.id
    where s.state in ('submitted', 'outcome_recorded')
    union all
    select 'letter', l.title, l.addressee, l.delivered_at, '/letters/' || l.slug, null
    from letters l
    join letter_final_signatories f on f.letter_id = l.id
    join letter_signatures sig on sig.id = f.signature_id and sig.organisation_id = ${organisationId}
    where l.state = 'delivered'
    order by 4 desc nulls last, 2
    limit ${limit}`.execute(db);
  return rows.map((row) => {
    const government = governmentSchema.safeParse(row.to);
    return {
      kind: row.kind === "letter" ? "letter" : row.kind === "submission" ? "submission" : "position",
      title: row.title,
      to: row.kind === "submission" && government.success ? governmentLabels[government.data] : row.to,
      on: row.on,
      publicPath: row.public_path,
      outcome: row.outcome,
    };
  });
}
