/** Past this much a body is not drained for a polite answer: the connection is dropped instead. */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

type FormBody = { ok: true; formData: FormData } | { ok: false; reason: "too-large" | "unreadable" };

/**
 * A request's form data, read only if it is at most `maxBytes`. request.formData() holds any body
 * in memory however large (neither express nor Remix sets a limit), so a page that knows how big
 * its form can be reads through this instead. A declared Content-Length over the limit is refused
 * unread; a chunked body is counted as it arrives. The rest of a refused body is read and thrown
 * away so the refusal reaches the browser (cancelling would destroy the socket), up to a bound.
 * A body that is not a form at all (a crafted content type) is "unreadable", not a 500.
 */
export async function readFormBody(request: Request, maxBytes: number): Promise<FormBody> {
  const declared = Number(request.headers.get("Content-Length") ?? "");
  const contentType = request.headers.get("Content-Type") ?? "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  let tooLarge = Number.isFinite(declared) && declared > maxBytes;
  if (request.body && declared > DRAIN_LIMIT_BYTES) await request.body.cancel();
  else if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) tooLarge = true;
      if (tooLarge && size > DRAIN_LIMIT_BYTES) {
        await reader.cancel();
        break;
      }
      if (!tooLarge) chunks.push(value);
    }
  }
  if (tooLarge) return { ok: false, reason: "too-large" };
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    const formData = await new Response(bytes, {
      headers: { "Content-Type": contentType },
    }).formData();
    return { ok: true, formData };
  } catch {
    return { ok: false, reason: "unreadable" };
  }
}
