import { sql } from "kysely";
import {
  nations,
  nationSchema,
  serviceAreas,
  serviceAreaSchema,
  type Nation,
  type ServiceArea,
} from "~/schemas/directory.ts";
import type { Db } from "~/utils/db.server.ts";

export interface Figures {
  /** Member organisations counted. */
  members: number;
  /** Sum of their staff counts. */
  staff: number;
  /** Sum of their public income, in pounds (pence exact to well past £1bn). */
  publicIncomeGbp: number;
}

export interface NetworkFigures extends Figures {
  /** 'YYYY-MM-DD': the date the figures describe. */
  asOf: string;
  /** Every nation, in the usual order, zeros included; `unknown` holds members without a found postcode. */
  byNation: (Figures & { nation: Nation })[];
  unknownNation: Figures;
  /** Every service area, in the usual order, zeros included. */
  byServiceArea: (Figures & { serviceArea: ServiceArea })[];
}

const todayIso = () => new Date().toISOString().slice(0, 10);
const zero = (): Figures => ({ members: 0, staff: 0, publicIncomeGbp: 0 });

/**
 * The network's size: "118 mutuals employing 34,800 staff and delivering £0.98bn of public
 * services". Every document that says who we are (open letters, submissions, the overview)
 * calls this, so they all count the same way:
 *
 * - Counted: organisations whose membership status is `active`, not archived, and that joined
 *   on or before `asOf` (an active member with no joining date on record counts on any date).
 * - Not counted: `prospective` (not members yet), `lapsed` (not renewed: we may not speak for
 *   them), `left`, and archived organisations.
 * - Staff and income are the figures held now: the directory keeps no history of them, so an
 *   earlier `asOf` only drops members who joined after it. A document that must not change
 *   later stores the figures it quoted.
 *
 * `asOf` is a 'YYYY-MM-DD' date and defaults to today.
 */
export async function getNetworkFigures(
  db: Db,
  { asOf = todayIso() }: { asOf?: string } = {},
): Promise<NetworkFigures> {
  const rows = await db
    .selectFrom("organisations")
    .select((eb) => [
      "nation",
      "service_area",
      eb.fn.countAll<number>().as("members"),
      eb.fn.coalesce(eb.fn.sum<number>("staff_count"), sql<number>`0`).as("staff"),
      // numeric sums come back as text on both drivers.
      sql<string>`coalesce(sum(public_income_gbp), 0)::text`.as("income"),
    ])
    .where("membership_status", "=", "active")
    .where("archived_at", "is", null)
    .where((eb) => eb.or([eb("joined_on", "is", null), eb("joined_on", "<=", asOf)]))
    .groupBy(["nation", "service_area"])
    .execute();

  const total = zero();
  const byNation = new Map<Nation, Figures>(nations.map((nation) => [nation, zero()]));
  const unknownNation = zero();
  const byServiceArea = new Map<ServiceArea, Figures>(serviceAreas.map((area) => [area, zero()]));
  for (const row of rows) {
    const figures = { members: row.members, staff: Number(row.staff), publicIncomeGbp: Number(row.income) };
    const nation = nationSchema.safeParse(row.nation);
    const area = serviceAreaSchema.parse(row.service_area);
    for (const bucket of [
      total,
      nation.success ? byNation.get(nation.data) : unknownNation,
      byServiceArea.get(area),
    ]) {
      if (!bucket) continue;
      bucket.members += figures.members;
      bucket.staff += figures.staff;
      bucket.publicIncomeGbp += figures.publicIncomeGbp;
    }
  }
  const pence = (figures: Figures): Figures => ({
    ...figures,
    publicIncomeGbp: Math.round(figures.publicIncomeGbp * 100) / 100,
  });
  return {
    asOf,
    ...pence(total),
    byNation: nations.map((nation) => ({ nation, ...pence(byNation.get(nation) ?? zero()) })),
    unknownNation: pence(unknownNation),
    byServiceArea: serviceAreas.map((serviceArea) => ({
      serviceArea,
      ...pence(byServiceArea.get(serviceArea) ?? zero()),
    })),
  };
}
