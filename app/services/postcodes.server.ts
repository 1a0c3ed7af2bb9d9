import { z } from "zod";
import type { Nation } from "~/schemas/directory.ts";

/** Where a postcode lies, as the directory keeps it. */
export interface PostcodePlace {
  postcode: string;
  nation: Nation;
  localAuthority: string;
  localAuthorityCode: string;
  constituency: string | null;
}

/** null: postcodes.io does not know the postcode (unknown, terminated, or outside the four nations). */
export type PostcodeLookups = Map<string, PostcodePlace | null>;

export interface PostcodesClient {
  /** At most 100 postcodes, as postcodes.io allows; throws PostcodesUnavailable when it cannot answer. */
  lookupMany(postcodes: readonly string[]): Promise<PostcodeLookups>;
  lookup(postcode: string): Promise<PostcodePlace | null>;
}

/** postcodes.io is down, slow or answered something we cannot read: try again later. */
export class PostcodesUnavailable extends Error {
  override name = "PostcodesUnavailable";
}

export const POSTCODES_BATCH_SIZE = 100;
const DEFAULT_TIMEOUT_MS = 5_000;

const countries: Record<string, Nation> = {
  England: "england",
  Scotland: "scotland",
  Wales: "wales",
  "Northern Ireland": "northern_ireland",
};

const resultSchema = z.object({
  postcode: z.string(),
  country: z.string(),
  admin_district: z.string().nullable(),
  parliamentary_constituency: z.string().nullable().optional(),
  parliamentary_constituency_2024: z.string().nullable().optional(),
  codes: z.object({ admin_district: z.string().nullable() }),
});
const singleSchema = z.object({ status: z.literal(200), result: resultSchema });
const bulkSchema = z.object({
  status: z.literal(200),
  result: z.array(z.object({ query: z.string(), result: resultSchema.nullable() })),
});

function toPlace(result: z.output<typeof resultSchema>): PostcodePlace | null {
  const nation = countries[result.country];
  // The Channel Islands and the Isle of Man have postcodes but no nation, council or MP here.
  if (!nation || !result.admin_district || !result.codes.admin_district) return null;
  return {
    postcode: result.postcode,
    nation,
    localAuthority: result.admin_district,
    localAuthorityCode: result.codes.admin_district,
    constituency: result.parliamentary_constituency ?? result.parliamentary_constituency_2024 ?? null,
  };
}

const compact = (postcode: string) => postcode.replace(/\s+/g, "").toUpperCase();

export interface PostcodesClientOptions {
  baseUrl: string;
  timeoutMs?: number;
}

/** One client per caller; every request has its own timeout, so a hung postcodes.io never holds a page. */
export function createPostcodesClient({
  baseUrl,
  timeoutMs = DEFAULT_TIMEOUT_MS,
}: PostcodesClientOptions): PostcodesClient {
  const url = (path: string) => new URL(path, baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);

  async function call(request: URL, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
    let response: Response;
    try {
      response = await fetch(request, {
        ...init,
        headers: { Accept: "application/json", ...init.headers },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason =
        error instanceof Error && error.name === "TimeoutError"
          ? `no answer within ${timeoutMs} ms`
          : String(error);
      throw new PostcodesUnavailable(`postcodes.io could not be reached: ${reason}`, { cause: error });
    }
    const body: unknown = await response.json().catch(() => null);
    return { status: response.status, body };
  }

  return {
    async lookup(postcode) {
      const { status, body } = await call(url(`postcodes/${encodeURIComponent(compact(postcode))}`));
      if (status === 404) return null;
      const parsed = singleSchema.safeParse(body);
      if (status !== 200 || !parsed.success)
        throw new PostcodesUnavailable(`postcodes.io answered ${status}`);
      return toPlace(parsed.data.result);
    },

    async lookupMany(postcodes) {
      if (postcodes.length > POSTCODES_BATCH_SIZE) {
        throw new RangeError(`postcodes.io takes at most ${POSTCODES_BATCH_SIZE} postcodes a request`);
      }
      const found: PostcodeLookups = new Map();
      if (postcodes.length === 0) return found;
      const { status, body } = await call(url("postcodes"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ postcodes }),
      });
      const parsed = bulkSchema.safeParse(body);
      if (status !== 200 || !parsed.success)
        throw new PostcodesUnavailable(`postcodes.io answered ${status}`);
      const byQuery = new Map(parsed.data.result.map((item) => [compact(item.query), item.result]));
      for (const postcode of postcodes) {
        const result = byQuery.get(compact(postcode));
        if (result === undefined) throw new PostcodesUnavailable(`postcodes.io left out ${postcode}`);
        found.set(postcode, result ? toPlace(result) : null);
      }
      return found;
    },
  };
}
