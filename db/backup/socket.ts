import { chmod, rm } from "node:fs/promises";
import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import { dumpPglite } from "./pglite.ts";

/**
 * PGlite lets one process open a data directory, so while the server runs `npm run db:backup` asks
 * it for the dump over this unix socket beside the directory. The socket is the server user's own
 * (mode 0600): only that user (or root) can connect, with no token to keep or leak.
 */
export function backupSocketPath(dataDir: string): string {
  return `${dataDir}.backup.sock`;
}

export interface BackupSocket {
  close(): Promise<void>;
}

export async function serveBackups(
  pglite: PGlite,
  dataDir: string,
  onError: (error: unknown) => void,
): Promise<BackupSocket> {
  const socketPath = backupSocketPath(dataDir);
  // A socket file left by a server that was killed: nobody answers on it (askServerForBackup checks).
  if ((await askServerForBackup(dataDir, { probeOnly: true })) === "no server") {
    await rm(socketPath, { force: true });
  } else {
    throw new Error(`Another server is serving ${dataDir} (its socket ${socketPath} answers).`);
  }
  const server = net.createServer((connection) => {
    connection.once("data", (request) => {
      if (request.toString("utf8").trim() !== "backup") {
        connection.end("error unknown request\n");
        return;
      }
      dumpPglite(pglite).then(
        (bytes) => {
          connection.write(`ok ${bytes.byteLength}\n`);
          connection.end(bytes);
        },
        (error: unknown) => {
          onError(error);
          connection.end(`error ${error instanceof Error ? error.message : String(error)}\n`);
        },
      );
    });
    connection.on("error", onError);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  await chmod(socketPath, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

/**
 * The running server's dump, or "no server" when nothing answers on the socket (none, or a stale
 * file left by a killed one). With probeOnly it only says whether a server answers.
 */
export function askServerForBackup(
  dataDir: string,
  { probeOnly = false }: { probeOnly?: boolean } = {},
): Promise<Uint8Array | "no server" | "server"> {
  return new Promise((resolve, reject) => {
    const connection = net.createConnection(backupSocketPath(dataDir));
    const chunks: Buffer[] = [];
    connection.once("connect", () => {
      if (probeOnly) {
        connection.destroy();
        resolve("server");
        return;
      }
      connection.write("backup\n");
    });
    connection.on("data", (chunk: Buffer) => chunks.push(chunk));
    connection.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT" || error.code === "ECONNREFUSED") resolve("no server");
      else reject(error);
    });
    connection.once("end", () => {
      const answer = Buffer.concat(chunks);
      const newline = answer.indexOf(10);
      const header = answer.subarray(0, newline).toString("utf8");
      const body = answer.subarray(newline + 1);
      const [status, ...rest] = header.split(" ");
      if (status === "ok" && Number(rest[0]) === body.byteLength) resolve(new Uint8Array(body));
      else if (status === "ok") reject(new Error("The server's backup arrived cut short; try again."));
      else reject(new Error(`The running server could not make the backup: ${rest.join(" ") || header}`));
    });
  });
}
