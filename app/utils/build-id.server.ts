import { readdirSync } from "node:fs";
import path from "node:path";

/**
 * The fingerprint of the client build (public/build/manifest-<VERSION>.js, which `remix build`
 * rewrites on every build). Validators include it, so after a deploy no browser or cache keeps
 * revalidating a page that points at scripts that no longer exist.
 */
function readBuildId(): string {
  try {
    const manifest = readdirSync(path.resolve(process.cwd(), "public/build")).find((file) =>
      /^manifest-[0-9A-Z]+\.js$/i.test(file),
    );
    return manifest ? manifest.slice("manifest-".length, -".js".length).toLowerCase() : "unbuilt";
  } catch {
    return "unbuilt";
  }
}

export const buildId = readBuildId();
