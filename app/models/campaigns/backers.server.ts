import { sql } from "kysely";
import type { Db } from "~/utils/db.server.ts";

export interface Backers {
  organisations: number;
  staff: number;
}

/**
 * "N mutuals employing M staff have backed this": organisations with a standing signature on one
 * of the campaign's letters or a submitted response to one of its surveys, each counted once.
 * Anonymous responses keep no organisation and an anonymous survey's invitations are not read
 * either, so nothing here can tell who answered one.
 */
export async function listBackers(db: Db, campaignId: number): Promise<Backers> {
  const { rows } = await sql<{ organisations: number; staff: number | string | null }>`
    with backing as (
      select sig.organisation_id from letter_signatures sig
      join campaign_links l on l.campaign_id = ${campaignId} and l.kind = 'letter' and l.item_id = sig.letter_id
      where sig.withdrawn_at is null
      union
      select r.organisation_id from survey_responses r
      join campaign_links l on l.campaign_id = ${campaignId} and l.kind = 'survey' and l.item_id = r.survey_id
      join surveys s on s.id = r.survey_id
      where r.status = 'submitted' and r.organisation_id is not null and not r.anonymous
        and s.anonymity <> 'anonymous'
    )
    select count(*)::int as organisations, coalesce(sum(o.staff_count), 0)::int as staff
    from organisations o where o.id in (select organisation_id from backing)`.execute(db);
  const row = rows[0];
  return { organisations: Number(row?.organisations ?? 0), staff: Number(row?.staff ?? 0) };
}
