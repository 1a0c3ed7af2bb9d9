/** A weak validator: the page means the same, though its bytes (the CSP nonce) differ per response. */
export const weakEtag = (...parts: (string | number)[]) => `W/"${parts.join("-")}"`;

/** If-None-Match matches (weak comparison, RFC 9110 §13.1.2), so a 304 may answer instead of the page. */
export function matchesIfNoneMatch(request: Request, etag: string): boolean {
  return etagMatches(request.headers.get("If-None-Match"), etag);
}

/** The same comparison on the header's raw value, for callers below the Fetch API (the page cache). */
export function etagMatches(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  const wanted = opaque(etag);
  return header.split(",").some((tag) => opaque(tag) === wanted);
}
