// npm run db:backup -- --out <file>    npm run db:restore -- <file> [--force]
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { EnvError, loadEnv } from "../../app/utils/env.server.ts";
import { backupDatabase, restoreDatabase } from "./commands.ts";

const usage = "Usage: npm run db:backup -- --out <file>\n       npm run db:restore -- <file> [--force]";

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values, positionals } = parseArgs({
    args: rest,
    options: { out: { type: "string" }, force: { type: "boolean", default: false } },
    allowPositionals: true,
  });
  const env = loadEnv();
  const started = performance.now();
  const took = () => `${((performance.now() - started) / 1000).toFixed(2)} s`;
  if (command === "backup" && values.out && positionals.length === 0) {
    const result = await backupDatabase(env, values.out);
    console.log(
      `Backup written to ${values.out}: ${(result.bytes / 2 ** 20).toFixed(1)} MiB via ${result.via} in ${took()}.`,
    );
    return;
  }
  const [file, ...extra] = positionals;
  if (command === "restore" && file && extra.length === 0 && !values.out) {
    const { movedAside } = await restoreDatabase(env, file, { force: values.force });
    const into = env.DATABASE_URL ? "the database in DATABASE_URL" : env.dataDir;
    console.log(`Restored ${file} into ${into} in ${took()}.`);
    if (movedAside) console.log(`The directory that was there is now ${movedAside}.`);
    return;
  }
  console.error(usage);
  process.exit(2);
}

try {
  await main();
} catch (error) {
  console.error(error instanceof EnvError || error instanceof Error ? error.message : String(error));
  process.exit(1);
}
