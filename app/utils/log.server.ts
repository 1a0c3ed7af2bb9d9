import pino, { type DestinationStream, type Logger } from "pino";
import type { Env } from "./env.server.ts";

export type { Logger };

/**
 * The server's one logger: a JSON object a line (pino) for machines, or a short readable line per
 * entry in development. Field names that could carry a secret or a person are blanked wherever they
 * appear at the top of an entry or one level down; request lines carry only method, route, a path
 * with its tokens masked, status, duration and request id (app/utils/request-log.server.ts).
 */
export function createLogger(
  env: Pick<Env, "LOG_LEVEL" | "logFormat">,
  destination: DestinationStream = pino.destination({ dest: 1, sync: true }),
): Logger {
  return pino(
    {
      level: env.LOG_LEVEL,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: secretFields.flatMap((name) => [name, `*.${name}`]), censor: "[redacted]" },
    },
    env.logFormat === "pretty" ? prettyStream(destination) : destination,
  );
}

/**
 * The logger for request lines. Their fields are fixed (reqId, method, route, a path with its tokens
 * masked, status, ms, aborted) and none is a secret, so the redaction pass, a good half of what
 * writing a line costs, is skipped for them; every other entry is still redacted.
 */
export function requestLineLogger(log: Logger): Logger {
  return log.child({}, { redact: [] });
}

const secretFields = ["token", "email", "password", "authorization", "cookie", "answers", "secret"];

/** For people reading a terminal: `12:03:04 INFO  GET routes/login 200 3.1 ms` and a stack below errors. */
function prettyStream(out: DestinationStream): DestinationStream {
  return {
    write(line: string) {
      out.write(`${prettyLine(line)}\n`);
    },
  };
}

export function prettyLine(line: string): string {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return line.trimEnd();
  }
  if (typeof entry !== "object" || entry === null) return line.trimEnd();
  const { time, level, msg, err, pid: _pid, ...rest }: Record<string, unknown> = { ...entry };
  const clock = typeof time === "string" ? time.slice(11, 19) : "";
  const label = String(level ?? "")
    .toUpperCase()
    .padEnd(5);
  const fields = Object.entries(rest)
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" ");
  const stack =
    typeof err === "object" && err !== null && "stack" in err && typeof err.stack === "string"
      ? `\n${err.stack}`
      : "";
  return `${clock} ${label} ${String(msg ?? "")}${fields ? `  ${fields}` : ""}${stack}`;
}
