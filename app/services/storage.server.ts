import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat, utimes } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { once } from "node:events";

/**
 * Where uploaded files' bytes live, by their sha256. The local store keeps them under
 * DATA_DIR/files; a cloud object store can implement the same three calls later (put from a staged
 * file, read as a stream, delete), since nothing else touches the bytes.
 */
export interface FileStore {
  /** Keeps the staged file's bytes under its hash (a second copy of the same bytes costs nothing). */
  put(staged: StagedFile): Promise<void>;
  /** The bytes as a stream; throws when there are none. */
  get(sha256: string): Promise<Readable>;
  delete(sha256: string): Promise<void>;
  /** Every hash held whose bytes were last written or kept before `before` (for the orphan sweep). */
  listOlderThan(before: Date): AsyncIterable<string>;
  /** Deletes the bytes only if they are still older than `before`: a fresh put since the listing wins. */
  deleteIfOlderThan(sha256: string, before: Date): Promise<boolean>;
  /** Removes staged uploads abandoned before `before` (a process stopped half way through one). */
  sweepStaging(before: Date): Promise<number>;
}

/** An upload written to a temporary file while it arrived: hashed and counted, never held in memory. */
export interface StagedFile {
  path: string;
  sha256: string;
  size: number;
  /** True when the upload passed its limit: reading went on (thrown away) so the reply still arrives. */
  tooLarge: boolean;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Past this much the rest of a refused upload is not read: the connection is dropped instead. */
const DRAIN_LIMIT_BYTES = 128 * 1024 * 1024;

/**
 * Streams `source` into a temporary file under `root`, hashing as it goes, and stops writing (but
 * keeps reading, up to a bound) once `maxBytes` is passed. Memory use is one chunk at a time.
 */
export async function stageUpload(
  root: string,
  source: AsyncIterable<Uint8Array>,
  maxBytes: number,
): Promise<StagedFile> {
  const folder = path.join(root, "staging");
  await mkdir(folder, { recursive: true });
  const tempPath = path.join(folder, randomBytes(16).toString("hex"));
  const hash = createHash("sha256");
  const out = createWriteStream(tempPath, { flags: "wx" });
  let size = 0;
  let tooLarge = false;
  try {
    for await (const chunk of source) {
      size += chunk.byteLength;
      if (size > maxBytes) tooLarge = true;
      if (tooLarge) {
        if (size > DRAIN_LIMIT_BYTES) break;
        continue;
      }
      hash.update(chunk);
      if (!out.write(chunk)) await once(out, "drain");
    }
  } finally {
    out.end();
    await once(out, "close");
  }
  if (tooLarge) await rm(tempPath, { force: true });
  return { path: tempPath, sha256: hash.digest("hex"), size, tooLarge };
}

export async function discardStaged(staged: StagedFile): Promise<void> {
  await rm(staged.path, { force: true });
}

/** The file store on local disk: DATA_DIR/files/ab/abcdef… */
export function localFileStore(root: string): FileStore {
  const blobPath = (sha256: string) => {
    if (!SHA256.test(sha256)) throw new Error("Not a sha256");
    return path.join(root, "blobs", sha256.slice(0, 2), sha256);
  };
  return {
    async put(staged) {
      const target = blobPath(staged.sha256);
      await mkdir(path.dirname(target), { recursive: true });
      const existing = await stat(target).catch(() => null);
      if (existing) {
        await rm(staged.path, { force: true });
        // Kept again now: the orphan sweep must see these bytes as fresh until the new row exists.
        const now = new Date();
        await utimes(target, now, now);
      }
      // A rename within one disk is atomic: a reader never sees half a file.
      else await rename(staged.path, target);
    },
    async get(sha256) {
      const target = blobPath(sha256);
      await stat(target);
      return createReadStream(target);
    },
    async delete(sha256) {
      await rm(blobPath(sha256), { force: true });
    },
    async *listOlderThan(before) {
      const blobs = path.join(root, "blobs");
      const folders = await readdir(blobs).catch(() => []);
      for (const folder of folders) {
        const names = await readdir(path.join(blobs, folder)).catch(() => []);
        for (const name of names) {
          if (!SHA256.test(name)) continue;
          const info = await stat(path.join(blobs, folder, name)).catch(() => null);
          if (info && info.mtime < before) yield name;
        }
      }
    },
    async deleteIfOlderThan(sha256, before) {
      const target = blobPath(sha256);
      const info = await stat(target).catch(() => null);
      if (!info || info.mtime >= before) return false;
      await rm(target, { force: true });
      return true;
    },
    async sweepStaging(before) {
      const folder = path.join(root, "staging");
      let removed = 0;
      for (const name of await readdir(folder).catch(() => [])) {
        const file = path.join(folder, name);
        const info = await stat(file).catch(() => null);
        if (info && info.mtime < before) {
          await rm(file, { force: true });
          removed++;
        }
      }
      return removed;
    },
  };
}

/** The store an app process uses: files under DATA_DIR/files. */
export function fileStoreRoot(dataDir: string): string {
  return path.join(dataDir, "files");
}

const stores = new Map<string, FileStore>();

/** This process's store for a data directory. */
export function fileStoreFor(dataDir: string): FileStore {
  let store = stores.get(dataDir);
  if (!store) {
    store = localFileStore(fileStoreRoot(dataDir));
    stores.set(dataDir, store);
  }
  return store;
}
