// Memory under a file upload, against the BUILT app: a 10 MB PDF posted to the demo survey's file
// question (multipart, through the member's emailed link) while the server's resident memory is
// sampled. Uploads are streamed to a staging file as they arrive, never held whole: target a rise
// under 20 MB. One upload first warms the code path; the figure is for the ones after it.
//
//   npx tsx test/bench/upload-memory.ts   (PGlite with the demo seed in a throwaway DATA_DIR; needs build/)
//
// Settings: UPLOADS (measured uploads, one after another, default 3).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

const uploads = Number(process.env.UPLOADS ?? 3);
const FILE_BYTES = 10 * 1024 * 1024 - 1024;
if (!existsSync("build/index.js")) throw new Error("build/index.js is missing: run npm run build first");

const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, "127.0.0.1", () => {
    const address = probe.address();
    probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
  });
});
const url = `http://127.0.0.1:${port}`;
const dataDir = await mkdtemp(path.join(os.tmpdir(), "mv-upload-memory-"));
const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
  env: {
    ...process.env,
    NODE_ENV: "development",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    RUN_WORKER: "false",
    APP_URL: url,
  },
  stdio: "ignore",
});
const exited = new Promise((resolve) => child.once("exit", resolve));

async function rssMb(): Promise<number> {
  const status = await readFile(`/proc/${child.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

/** The survey link in the demo invitation to the leader, from the dev mailbox. */
async function surveyLink(): Promise<string> {
  const started = Date.now();
  for (;;) {
    const response = await fetch(`${url}/dev/mailbox.json?to=leader%40psmn.example`).catch(() => null);
    const messages: { subject: string; text: string }[] = response?.ok ? await response.json() : [];
    // A bilingual survey's subject starts in Welsh, with the English after it.
    const invitation = messages.find((message) => message.subject.includes("Survey: VAT"));
    const match = invitation && /https?:\/\/\S+(\/s\/[A-Za-z0-9_-]{43})/.exec(invitation.text);
    if (match?.[1]) return match[1];
    if (Date.now() - started > 180_000) throw new Error("No demo survey invitation within 180 s");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** One upload of the page: the file, a scale point (required), the page's version. */
async function upload(link: string, file: Blob): Promise<string> {
  const html = await fetch(`${url}${link}/2`).then((response) => response.text());
  const fileField = /type="file"[^>]*name="(q\d+)"|name="(q\d+)"[^>]*type="file"/.exec(html);
  const scale = /name="(q\d+)"[^>]*value="3"|value="3"[^>]*name="(q\d+)"/.exec(html);
  const version = /name="version" value="(\d+)"/.exec(html)?.[1] ?? "0";
  const fileName = fileField?.[1] ?? fileField?.[2];
  if (!fileName) throw new Error("No file question on the demo survey's second page");
  const form = new FormData();
  form.append("version", version);
  const scaleName = scale?.[1] ?? scale?.[2];
  if (scaleName) form.append(scaleName, "3");
  form.append(fileName, file, "VAT return.pdf");
  const response = await fetch(`${url}${link}/2`, {
    method: "POST",
    body: form,
    redirect: "manual",
    headers: { Origin: url },
  });
  await response.arrayBuffer();
  return String(response.status);
}

try {
  const link = await surveyLink();
  const bytes = new Uint8Array(FILE_BYTES);
  bytes.set(new TextEncoder().encode("%PDF-1.4\n"));
  const file = new Blob([bytes], { type: "application/pdf" });
  const warm = await upload(link, file);
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const idle = await rssMb();
  let peak = idle;
  const sampler = setInterval(() => {
    void rssMb().then(
      (mb) => (peak = Math.max(peak, mb)),
      () => undefined,
    );
  }, 20);
  const statuses: string[] = [];
  const sentAt = performance.now();
  for (let i = 0; i < uploads; i++) statuses.push(await upload(link, file));
  const seconds = (performance.now() - sentAt) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 300));
  clearInterval(sampler);
  console.log(
    `${uploads} × ${(FILE_BYTES / 1024 / 1024).toFixed(2)} MB PDF uploads to a survey file question, one after another, in ${seconds.toFixed(1)} s`,
  );
  console.log(`answers:            warm-up ${warm}; ${statuses.join(", ")}`);
  console.log(`resident idle:      ${idle.toFixed(0)} MB`);
  console.log(`resident peak:      ${peak.toFixed(0)} MB`);
  console.log(`rise:               ${(peak - idle).toFixed(1)} MB (target: under 20 MB)`);
} finally {
  child.kill("SIGTERM");
  await exited;
  await rm(dataDir, { recursive: true, force: true });
}
