import { isRefusal, refusalAnswer } from "~/utils/refusal.server.ts";

/**
 * `refusalAnswer` for the survey builder's forms, which have always answered a refused change
 * with its reason under `conflict` as well: clients of these pages read it there.
 */
export function builderRefusalAnswer<Extra extends object>(error: unknown, extra: Extra) {
  return refusalAnswer(error, { ...extra, conflict: isRefusal(error) ? error.message : null });
}
