import { migrateToLatest } from "../../db/migrate.ts";
import { isDatabaseEmpty, seedDemoNetwork } from "../../db/seed.ts";
import { openDatabase } from "./db.server.ts";
import type { Env } from "./env.server.ts";

export const demoAccounts = [
  { email: "admin@psmn.example", role: "administrator" },
  { email: "policy@psmn.example", role: "policy staff" },
  { email: "member@psmn.example", role: "member contact" },
  { email: "leader@psmn.example", role: "member leader" },
] as const;

/** Opens the database, brings it to the newest migration and, on a first demo run, seeds it. */
export async function prepareDatabase(env: Env, { seed }: { seed: boolean }) {
  const handle = await openDatabase(env);
  try {
    await migrateToLatest(handle.db);
    let seeded = false;
    if (seed && env.seedDemo && (await isDatabaseEmpty(handle.db))) {
      await seedDemoNetwork(handle.db);
      seeded = true;
    }
    return { ...handle, seeded };
  } catch (error) {
    await handle.db.destroy();
    throw error;
  }
}
