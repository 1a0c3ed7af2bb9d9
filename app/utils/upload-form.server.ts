import { unstable_parseMultipartFormData } from "@remix-run/node";
import { discardStaged, stageUpload, type StagedFile } from "~/services/storage.server.ts";
import { MEGABYTE } from "~/schemas/files.ts";
import { readFormBody } from "~/utils/form-body.server.ts";
import { fieldName, type AnswerableQuestion } from "~/utils/survey-answers.ts";

/** A file that arrived with a form, staged on disk: its name as sent and what was counted. */
export interface StagedUpload {
  field: string;
  filename: string;
  staged: StagedFile;
}

type UploadForm =
  | { ok: true; formData: FormData; uploads: StagedUpload[] }
  | { ok: false; reason: "too-large" | "not-a-form" | "unreadable"; uploads: StagedUpload[] };

const isMultipart = (request: Request) =>
  (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");

/**
 * A form that may carry files, read as a stream (readFormBody reads whole bodies, which is right for
 * text but not for 10 MB files): each file part named in `fileLimits` is written to a staging file
 * as it arrives, counted against its own limit; every other part is text, all of it together at
 * most `maxTextBytes`; a file under any other name is read and thrown away. A file over its limit
 * comes back staged with tooLarge set (its bytes already gone), so the page can say which one. The
 * caller must commit or discard every staged upload (`discardUploads`).
 */
export async function readUploadForm(
  request: Request,
  options: { maxTextBytes: number; fileLimits: ReadonlyMap<string, number>; stagingRoot: string },
): Promise<UploadForm> {
  if (!isMultipart(request)) {
    const body = await readFormBody(request, options.maxTextBytes);
    return body.ok ? { ...body, uploads: [] } : { ...body, uploads: [] };
  }
  const uploads: StagedUpload[] = [];
  let textBytes = 0;
  let textTooLarge = false;
  const decoder = new TextDecoder();
  try {
    const formData = await unstable_parseMultipartFormData(request, async (part) => {
      const limit = options.fileLimits.get(part.name);
      if (part.filename !== undefined) {
        if (limit === undefined || !part.filename) {
          for await (const chunk of part.data) void chunk;
          return undefined;
        }
        const staged = await stageUpload(options.stagingRoot, part.data, limit);
        // A chosen file with no bytes is treated as no file, like an empty text box.
        if (staged.size === 0) {
          await discardStaged(staged);
          return undefined;
        }
        // Browsers send a name's quote and line breaks as %22, %0D, %0A (the HTML form encoding).
        const filename = part.filename.replace(/%22/g, '"').replace(/%0D/gi, "\r").replace(/%0A/gi, "\n");
        uploads.push({ field: part.name, filename, staged });
        return undefined;
      }
      const chunks: string[] = [];
      for await (const chunk of part.data) {
        textBytes += chunk.byteLength;
        if (textBytes > options.maxTextBytes) textTooLarge = true;
        if (!textTooLarge) chunks.push(decoder.decode(chunk, { stream: true }));
      }
      chunks.push(decoder.decode());
      return textTooLarge ? undefined : chunks.join("");
    });
    if (textTooLarge) return { ok: false, reason: "too-large", uploads };
    return { ok: true, formData, uploads };
  } catch {
    return { ok: false, reason: "unreadable", uploads };
  }
}

export async function discardUploads(uploads: readonly StagedUpload[]): Promise<void> {
  await Promise.all(uploads.map((upload) => discardStaged(upload.staged)));
}

/** Each file question's field and its limit in bytes: what readUploadForm may stage. */
export function fileLimitsOf(questions: readonly AnswerableQuestion[]): Map<string, number> {
  const limits = new Map<string, number>();
  for (const question of questions) {
    if (question.config.kind === "file") {
      limits.set(fieldName(question.id), question.config.settings.maxMegabytes * MEGABYTE);
    }
  }
  return limits;
}
