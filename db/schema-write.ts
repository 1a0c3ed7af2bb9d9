import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { Kysely, PGliteDialect } from "kysely";
import { openPglite } from "./client.ts";
import { migrateToLatest } from "./migrate.ts";
import { generateSchemaSource } from "./schema-gen.ts";

const pglite = await openPglite({});
const db = new Kysely<unknown>({ dialect: new PGliteDialect({ pglite }) });
await migrateToLatest(db);
const target = fileURLToPath(new URL("./schema.ts", import.meta.url));
await writeFile(target, await generateSchemaSource(db));
await db.destroy();
console.log(`Wrote ${target}`);
