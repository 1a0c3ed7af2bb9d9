import { parseArgs } from "node:util";
import { previewDigest } from "./app/models/homes/digest.server.ts";
import { prepareDatabase } from "./app/utils/boot.server.ts";
import { loadEnv } from "./app/utils/env.server.ts";

// `npm run digest -- --preview <email>`: prints that person's weekly digest as text, sending nothing.
const { values } = parseArgs({ options: { preview: { type: "string" } } });
if (!values.preview) {
  console.error("Usage: npm run digest -- --preview <email>");
  process.exit(2);
}
const env = loadEnv();
const { db } = await prepareDatabase(env, { seed: false });
try {
  const text = await previewDigest(db, {
    email: values.preview,
    appUrl: env.APP_URL ?? `http://localhost:${env.PORT}`,
    secret: env.sessionSecret,
  });
  console.log(text);
} finally {
  await db.destroy();
}
