import type { AppLoadContext } from "@remix-run/node";
import { Refusal } from "./refusal.server.ts";

/** Developer-only pages exist only in demo mode; everywhere else they are an ordinary 404. */
export function requireDemoMode(context: AppLoadContext) {
  if (!context.env.demoMode) throw Refusal.notFound();
}
