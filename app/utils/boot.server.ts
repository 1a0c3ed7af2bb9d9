import { demoAccounts } from "../../db/demo-network.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { isDatabaseEmpty, seedDemoNetwork } from "../../db/seed.ts";
import { openDatabase } from "./db.server.ts";
import type { Env } from "./env.server.ts";
import { trustedOrigins } from "./security.server.ts";

/** What `npm start` prints, so a first-time user knows whom to sign in as. */
export const demoAccountList = [
  { email: demoAccounts.admin, role: "administrator" },
  { email: demoAccounts.policy, role: "policy staff" },
  { email: demoAccounts.member, role: "member contact" },
  { email: demoAccounts.leader, role: "member leader" },
] as const;

/** Opens the database, brings it to the newest migration and, on a first demo run, seeds it. */
export async function prepareDatabase(
  env: Env,
  { seed, onIdleError }: { seed: boolean; onIdleError?: (error: Error) => void },
) {
  const handle = await openDatabase(env, { onIdleError });
  try {
    await migrateToLatest(handle.db);
    let seeded = false;
    if (seed && env.seedDemo && (await isDatabaseEmpty(handle.db))) {
      await seedDemoNetwork(handle.db, trustedOrigins(env, env.PORT).primary);
      seeded = true;
    }
    return { ...handle, seeded };
  } catch (error) {
    await handle.db.destroy();
    throw error;
  }
}
