// The app bundle (`remix build`) the route tests and the browser stories both serve: the production
// build, as `npm start` serves it. `npm test` builds it once per run, and only when a source the
// bundle holds is newer than the last build, or that build was made for another mode (vitest sets
// NODE_ENV=test, which would give an unminified bundle).
import { spawn } from "node:child_process";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

/** Builds the app when a source is newer than build/index.js; resolves once it is current. */
export async function buildAppIfStale() {
  if (!(await buildIsStale())) return;
  const code = await new Promise((resolve) => {
    const build = spawn(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], {
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    });
    build.on("error", () => resolve(127));
    build.on("close", (status) => resolve(status ?? 1));
  });
  if (code !== 0) throw new Error(`remix build exited with code ${code}`);
}

async function buildIsStale() {
  const bundle = await readFile("build/index.js", "utf8").catch(() => "");
  if (!/\bmode = "production"/.test(bundle)) return true;
  const built = await modifiedAt("build/index.js");
  const sources = await Promise.all(["app", "db", "emails", "remix.config.js"].map(newestModification));
  return built <= Math.max(...sources);
}

async function modifiedAt(file) {
  return (await stat(file).catch(() => null))?.mtimeMs ?? 0;
}

async function newestModification(entry) {
  const info = await stat(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  const names = await readdir(entry, { recursive: true });
  const times = await Promise.all(names.map((name) => modifiedAt(path.join(entry, name))));
  return Math.max(info.mtimeMs, ...times);
}
