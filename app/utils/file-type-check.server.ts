import { createReadStream } from "node:fs";
import { fileTypeFromFile } from "file-type";
import {
  acceptedFileTypes,
  isAcceptedMediaType,
  type AcceptedMediaType,
  type FileProblem,
} from "~/schemas/files.ts";

type Checked =
  { ok: true; mediaType: AcceptedMediaType } | { ok: false; message: string; problem: FileProblem };

const extensionOf = (filename: string) => /\.([a-z0-9]{1,8})$/i.exec(filename)?.[1]?.toLowerCase() ?? "";

/** The extensions a name may carry for each type: .jpeg is as good as .jpg. */
const extensionsFor = (mediaType: AcceptedMediaType): string[] =>
  mediaType === "image/jpeg" ? ["jpg", "jpeg"] : [acceptedFileTypes[mediaType].extension];

/** True when the whole file decodes as UTF-8 and holds no NUL: text, not a binary with a .csv name. */
async function isUtf8Text(filePath: string): Promise<boolean> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of createReadStream(filePath)) {
      if (!(chunk instanceof Uint8Array) || chunk.includes(0)) return false;
      decoder.decode(chunk, { stream: true });
    }
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/**
 * What a staged file is, read from its content with file-type (zips are opened to tell DOCX, XLSX,
 * ODT and ODS apart), never from its name: a type we do not take is refused, and so is a name whose
 * extension says something else than the content (a PNG called report.pdf). CSV has no signature:
 * it is taken only as UTF-8 text without NULs under a .csv name.
 */
export async function checkFileType(filePath: string, filename: string): Promise<Checked> {
  const extension = extensionOf(filename);
  const detected = await fileTypeFromFile(filePath);
  if (!detected) {
    if (extension === "csv" && (await isUtf8Text(filePath))) return { ok: true, mediaType: "text/csv" };
    return {
      ok: false,
      message: "The file is not one of the types we take, whatever its name says",
      problem: { kind: "unknown_type" },
    };
  }
  if (!isAcceptedMediaType(detected.mime)) {
    return {
      ok: false,
      message: `The file is a ${detected.ext.toUpperCase()} file, which we do not take`,
      problem: { kind: "type_not_taken", type: detected.ext.toUpperCase() },
    };
  }
  if (!extensionsFor(detected.mime).includes(extension)) {
    return {
      ok: false,
      message: `The file's name ends .${extension || "(nothing)"} but it is a ${acceptedFileTypes[detected.mime].label} file: rename it and try again`,
      problem: { kind: "misnamed", extension, label: acceptedFileTypes[detected.mime].label },
    };
  }
  return { ok: true, mediaType: detected.mime };
}

/** A name safe to put in a Content-Disposition header and on disk: no paths, quotes or control characters. */
export function safeFilename(filename: string, mediaType: AcceptedMediaType): string {
  const base = filename
    .normalize("NFKC")
    .replace(/\p{Cc}+/gu, "_")
    .replace(/["\\/:*?<>|;]+/g, "_")
    .replace(/^[.\s]+/, "")
    .slice(0, 120)
    .trim();
  return base || `file.${acceptedFileTypes[mediaType].extension}`;
}

/** Content-Disposition for a download: always an attachment, with an ASCII fallback and the UTF-8 name. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
