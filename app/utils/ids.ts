import type { Params } from "@remix-run/react";
import { idField } from "~/schemas/ids.ts";

const idSchema = idField();

/** A numeric id from the URL; anything else is the same 404 as an id that does not exist. */
export function idParam(params: Params, name: string): number {
  const parsed = idSchema.safeParse(params[name]);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  return parsed.data;
}

/** A page number from the query string: 1 unless it is a whole number of at least 1. */
export function pageParam(url: URL, name = "page"): number {
  const parsed = idSchema.safeParse(url.searchParams.get(name));
  return parsed.success ? parsed.data : 1;
}
