/**
 * An outside source could not give us its data: no answer in time, an HTTP error, or a body that
 * is not JSON. The message is what staff read on the sync page, so it says which and why.
 */
export class SourceError extends Error {
  override name = "SourceError";
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

const describeFailure = (error: unknown, timeoutMs: number) =>
  error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")
    ? `no answer within ${timeoutMs} ms`
    : error instanceof Error
      ? error.message
      : String(error);

/** GET a JSON document with a timeout that covers the body too; throws SourceError, never anything else. */
export async function fetchJson(url: URL, { label, timeoutMs }: { label: string; timeoutMs: number }) {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      headers: { Accept: "application/json", "User-Agent": "MutualVoice consultation radar" },
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw new SourceError(`${label} could not be read: ${describeFailure(error, timeoutMs)}`);
  }
  if (!response.ok) {
    // GOV.UK explains a 422 in the body ({"error": "..."}); keep a short piece of it.
    const detail = text.trim().slice(0, 200).replace(/\s+/g, " ");
    throw new SourceError(
      `${label} answered HTTP ${response.status}${detail ? `: ${detail}` : ""}`,
      response.status,
    );
  }
  try {
    const body: unknown = JSON.parse(text);
    return body;
  } catch {
    throw new SourceError(`${label} sent a response that is not valid JSON`, response.status);
  }
}

/** `base` may carry a path (a site served under a prefix); `path` is appended to it, not resolved against it. */
export function joinUrl(base: string, path: string): URL {
  return new URL(`${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`);
}
