import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/models/accounts/auth.server.ts";
import { getFileForDownload } from "~/models/files/files.server.ts";
import { fileStoreFor } from "~/services/storage.server.ts";
import { attachmentDisposition } from "~/utils/file-type-check.server.ts";
import { idParam } from "~/utils/ids.ts";

/**
 * An uploaded file, for staff and the organisation that sent it: always a download (never shown
 * in the page's origin), with the type read from its content at upload and nosniff, streamed.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const file = await getFileForDownload(context.db, user, idParam(params, "id"));
  const stream = await fileStoreFor(context.env.dataDir).get(file.sha256);
  const chunks: AsyncIterator<unknown> = stream[Symbol.asyncIterator]();
  // Pulled a chunk at a time, so a slow reader holds one chunk in memory, not the file.
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else if (next.value instanceof Uint8Array) controller.enqueue(next.value);
    },
    cancel() {
      stream.destroy();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Disposition": attachmentDisposition(file.filename),
      "Content-Length": String(file.sizeBytes),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
