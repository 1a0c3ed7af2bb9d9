/** What a form may weigh unless its route asks for more: far above any form typed by hand. */
export const FORM_MAX_BYTES = 1024 * 1024;

/**
 * Past this much a refused body is no longer read and thrown away for a polite 413: the connection
 * is dropped instead. Reading costs the sender as much bandwidth as us and holds no memory (each
 * chunk is let go as it arrives), so a 64 MB mistake still gets its answer.
 */
export const DRAIN_LIMIT_BYTES = 128 * 1024 * 1024;

/** The content types a browser's form sends (text/plain forms are not used by any page). */
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

type FormBody =
  { ok: true; formData: FormData } | { ok: false; reason: "too-large" | "not-a-form" | "unreadable" };

const mediaType = (contentType: string) => contentType.split(";")[0]?.trim().toLowerCase() ?? "";

/**
 * A request's form data, read only if it is at most `maxBytes`. request.formData() holds any body
 * in memory however large (neither express nor Remix sets a limit; a 64 MB post cost ~800 MB), so
 * every action reads through this. A body that does not say it is a form (JSON, XML, text, no
 * content type) is refused unread; a declared Content-Length over the limit is refused unread; a
 * chunked body is counted as it arrives. The rest of a refused body is read and thrown away so the
 * refusal reaches the browser (cancelling destroys the socket), up to a bound. A body that says it
 * is a form but cannot be parsed as one (broken multipart) is "unreadable", not a 500.
 */
export async function readFormBody(request: Request, maxBytes: number): Promise<FormBody> {
  const declared = Number(request.headers.get("Content-Length") ?? "");
  const contentType = request.headers.get("Content-Type") ?? "";
  const isForm = FORM_TYPES.has(mediaType(contentType));
  const chunks: Uint8Array[] = [];
  let size = 0;
  let refused = !isForm || (Number.isFinite(declared) && declared > maxBytes);
  let tooLarge = Number.isFinite(declared) && declared > maxBytes;
  if (request.body && declared > DRAIN_LIMIT_BYTES) await request.body.cancel();
  else if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) tooLarge = refused = true;
      if (refused && size > DRAIN_LIMIT_BYTES) {
        await reader.cancel();
        break;
      }
      if (!refused) chunks.push(value);
    }
  }
  if (tooLarge) return { ok: false, reason: "too-large" };
  if (!isForm) return { ok: false, reason: "not-a-form" };
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

const refusals = {
  "too-large": { status: 413, message: "What was sent is too large for this form." },
  "not-a-form": { status: 415, message: "Send this form from its page: what was sent is not a form." },
  unreadable: { status: 400, message: "The form could not be read: reload the page and try again." },
} as const;

/**
 * THE way an action reads its form: at most `maxBytes` (1 MiB unless the route asks for more).
 * Anything else is thrown as a plain-text 413, 415 or 400 Response, which Remix hands to the
 * route's ErrorBoundary with its status, so an action stays one line and never sees a bad body.
 */
export async function readForm(request: Request, { maxBytes = FORM_MAX_BYTES } = {}): Promise<FormData> {
  const body = await readFormBody(request, maxBytes);
  if (body.ok) return body.formData;
  const { status, message } = refusals[body.reason];
  throw new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
