import { sql } from "kysely";
import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import {
  campaignStateSchema,
  campaignTargetSchema,
  type CampaignInput,
  type CampaignState,
  type CampaignTarget,
} from "~/schemas/campaigns.ts";
import { positionTopicSchema, type PositionTopic } from "~/schemas/positions.ts";
import { writeAudit } from "~/utils/audit.server.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { jsonb } from "~/utils/jsonb.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";

export interface Campaign {
  id: number;
  slug: string;
  name: string;
  ask: string;
  targets: CampaignTarget[];
  topics: PositionTopic[];
  ownerId: number;
  ownerName: string;
  state: CampaignState;
  isPublic: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Lists kept as jsonb come back parsed; anything not in today's list is left out, not trusted. */
const listOf = <T>(value: unknown, parse: (item: unknown) => T | null): T[] =>
  Array.isArray(value) ? value.map(parse).filter((item): item is T => item !== null) : [];

function selectCampaigns(db: Db) {
  return db
    .selectFrom("campaigns")
    .innerJoin("people as owner", "owner.id", "campaigns.owner_id")
    .select([
      "campaigns.id",
      "campaigns.slug",
      "campaigns.name",
      "campaigns.ask",
      "campaigns.targets",
      "campaigns.topics",
      "campaigns.owner_id",
      "owner.name as owner_name",
      "campaigns.state",
      "campaigns.is_public",
      "campaigns.created_at",
      "campaigns.updated_at",
    ]);
}

type CampaignRow = Awaited<ReturnType<ReturnType<typeof selectCampaigns>["executeTakeFirstOrThrow"]>>;

function toCampaign(row: CampaignRow): Campaign {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    ask: row.ask,
    targets: listOf(row.targets, (item) => campaignTargetSchema.safeParse(item).data ?? null),
    topics: listOf(row.topics, (item) => positionTopicSchema.safeParse(item).data ?? null),
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    state: campaignStateSchema.parse(row.state),
    isPublic: row.is_public,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** For the lifecycle: with `lock`, FOR UPDATE so two moves of one campaign queue. */
export async function loadCampaign(db: Db, id: number, { lock }: { lock: boolean }): Promise<Campaign> {
  const query = selectCampaigns(db).where("campaigns.id", "=", id);
  const row = await (lock ? query.forUpdate("campaigns") : query).executeTakeFirst();
  if (!row) throw Refusal.notFound();
  return toCampaign(row);
}

export async function getCampaign(db: Db, actor: Actor, slug: string): Promise<Campaign> {
  requireStaffActor(actor);
  const row = await selectCampaigns(db).where("campaigns.slug", "=", slug).executeTakeFirst();
  if (!row) throw Refusal.notFound();
  return toCampaign(row);
}

export interface CampaignSummary extends Campaign {
  items: number;
  outcomes: number;
}

/** Every campaign, active first, with how much each holds. There are a handful, so no paging. */
export async function listCampaigns(db: Db, actor: Actor): Promise<CampaignSummary[]> {
  requireStaffActor(actor);
  const rows = await selectCampaigns(db)
    .select((eb) => [
      eb
        .selectFrom("campaign_links")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("campaign_links.campaign_id", "=", "campaigns.id")
        .as("items"),
      eb
        .selectFrom("campaign_outcomes")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("campaign_outcomes.campaign_id", "=", "campaigns.id")
        .as("outcomes"),
    ])
    .orderBy((eb) => eb.case().when("campaigns.state", "=", "active").then(0).else(1).end())
    .orderBy("campaigns.name")
    .limit(500)
    .execute();
  return rows.map((row) => ({
    ...toCampaign(row),
    items: Number(row.items ?? 0),
    outcomes: Number(row.outcomes ?? 0),
  }));
}

/** Who may own a campaign: active policy staff. */
export function listCampaignOwners(db: Db): Promise<{ id: number; name: string }[]> {
  return db
    .selectFrom("people")
    .select(["id", "name"])
    .where("role", "in", ["staff", "admin"])
    .where("active", "=", true)
    .orderBy("name")
    .execute();
}

function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  // `/campaigns/new` is the form for starting one: a campaign called "New" must not hide behind it.
  return !slug ? "campaign" : RESERVED_SLUGS.has(slug) ? `${slug}-campaign` : slug;
}

const RESERVED_SLUGS = new Set(["new"]);

async function uniqueSlug(db: Db, name: string): Promise<string> {
  const base = slugify(name);
  const taken = await db
    .selectFrom("campaigns")
    .select("slug")
    .where((eb) => eb.or([eb("slug", "=", base), eb("slug", "like", `${base}-%`)]))
    .execute();
  const used = new Set(taken.map((row) => row.slug));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A campaign's owner is active policy staff: a field error on `ownerId` otherwise. */
export async function requireCampaignOwner(db: Db, ownerId: number): Promise<void> {
  const owner = await db
    .selectFrom("people")
    .select("id")
    .where("id", "=", ownerId)
    .where("role", "in", ["staff", "admin"])
    .where("active", "=", true)
    .executeTakeFirst();
  if (!owner)
    throw Refusal.invalid("Choose an owner from the list", { ownerId: "Choose an owner from the list" });
}

export async function createCampaign(db: Db, actor: Actor, input: CampaignInput): Promise<Campaign> {
  requireStaffActor(actor);
  return inTransaction(db, async (trx) => {
    await requireCampaignOwner(trx, input.ownerId);
    // The slug is taken under a lock so two campaigns of one name created at once get -2, not a 500.
    await sql`select pg_advisory_xact_lock(hashtext('campaign_slugs'))`.execute(trx);
    const row = await trx
      .insertInto("campaigns")
      .values({
        slug: await uniqueSlug(trx, input.name),
        name: input.name,
        ask: input.ask,
        targets: jsonb([...new Set(input.targets)]),
        topics: jsonb([...new Set(input.topics)]),
        owner_id: input.ownerId,
        created_by: actor.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorId: actor.id,
      action: "campaign.created",
      subjectType: "campaign",
      subjectId: row.id,
      after: { name: input.name, ask: input.ask, targets: input.targets, topics: input.topics },
    });
    return loadCampaign(trx, row.id, { lock: false });
  });
}
