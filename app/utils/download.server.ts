/** A file download: the exact bytes, with their SHA-256 in a header so a sender can check a copy. */
export function fileResponse(file: {
  content: Buffer;
  contentType: string;
  filename: string;
  sha256: string;
}) {
  return new Response(new Uint8Array(file.content), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, "-")}"`,
      "Content-Length": String(file.content.length),
      "Cache-Control": "private, no-store",
      "X-Content-SHA256": file.sha256,
    },
  });
}

/** A spreadsheet made for this request (an export, a template): never cached, since it may hold personal data. */
export function csvResponse(csv: string, filename: string) {
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
