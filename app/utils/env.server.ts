import path from "node:path";
import { z } from "zod";

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => ["true", "1", "yes"].includes(value));

const optionalText = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

const citizenSpaceSite = z.object({
  nation: z.enum(["england", "scotland", "wales", "northern_ireland"]),
  url: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, "")),
});
const citizenSpaceSites = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean)
      .map((entry) => {
        const [nation = "", ...url] = entry.split("=");
        return { nation: nation.trim(), url: url.join("=").trim() };
      }),
  )
  .pipe(z.array(citizenSpaceSite, { error: "each site is nation=https://..." }));

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  /** Behind a load balancer: how many proxy hops to trust for the client's IP (rate limits). */
  TRUST_PROXY: z.coerce.number().int().min(0).default(0),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  EMAIL_FROM: z.string().min(3).default("Mutual Voice <no-reply@psmn.example>"),
  /**
   * The public origin for emailed links and the CSRF origin check. Production requires it; without
   * it (demo mode) the server's own HOST and port stand in, never the request's Host header.
   */
  APP_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  SESSION_SECRET: optionalText.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(60),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  LOGIN_TOKEN_MINUTES: z.coerce.number().int().positive().max(10).default(10),
  /** Sign-in links per address, and per client IP, in any 15 minutes. */
  SIGN_IN_LIMIT_PER_EMAIL: z.coerce.number().int().positive().default(5),
  SIGN_IN_LIMIT_PER_IP: z.coerce.number().int().positive().default(30),
  RUN_WORKER: flag.default(true),
  WORKER_INTERVAL_MS: z.coerce.number().int().positive().default(1000),
  EMAIL_MAX_ATTEMPTS: z.coerce.number().int().positive().default(8),
  /** From this London hour each day, "your evidence was used" notices are emailed (0 sends them at once). */
  EVIDENCE_EMAIL_HOUR: z.coerce.number().int().min(0).max(23).default(16),
  SEED_DEMO: flag.optional(),
  /** postcodes.io, or a mirror of it: fills nation, local authority and constituency from a postcode. */
  POSTCODES_API_URL: z.url({ protocol: /^https?$/ }).default("https://api.postcodes.io"),
  /** GOV.UK (search.json and the Content API) for the consultation radar. */
  GOVUK_API_URL: z.url({ protocol: /^https?$/ }).default("https://www.gov.uk"),
  /** Citizen Space sites to import open consultations from: `nation=url`, comma-separated; empty for none. */
  CITIZEN_SPACE_SITES: citizenSpaceSites.prefault(
    "scotland=https://consult.gov.scot,northern_ireland=https://consultations2.nidirect.gov.uk",
  ),
  /** How long one request to GOV.UK or a Citizen Space site may take. */
  CONSULTATION_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  /** Import open consultations once a day in the background loop. */
  CONSULTATION_DAILY_SYNC: flag.default(true),
  /** pg_dump and pg_restore for `npm run db:backup` / `db:restore`; unset looks on the PATH. */
  PG_DUMP_PATH: optionalText,
  PG_RESTORE_PATH: optionalText,
  /** Bearer token for GET /metrics; unset turns metrics off (404) and skips collecting them. */
  METRICS_TOKEN: optionalText.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  /** Lowest log level written; `silent` writes none. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** `json` (one object a line) or `pretty` (for people); defaults to pretty in development only. */
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
  /** /readyz answers 503 once the oldest email waiting to be sent is older than this. */
  READY_OUTBOX_SECONDS: z.coerce.number().int().positive().default(600),
});

const requiredInProduction = ["SESSION_SECRET", "DATABASE_URL", "SMTP_URL", "APP_URL"] as const;

export type Env = z.infer<typeof envSchema> & {
  /** Demo mode: no SMTP, not production. Emails stay in the outbox and /dev/mailbox shows them. */
  demoMode: boolean;
  dataDir: string;
  sessionSecret: string;
  seedDemo: boolean;
  logFormat: "json" | "pretty";
};

export class EnvError extends Error {}

/** Parses configuration once at boot; production refuses to start without its secrets. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid configuration:\n${problems.join("\n")}`);
  }
  const env = parsed.data;
  const production = env.NODE_ENV === "production";
  if (production) {
    const missing = requiredInProduction.filter((name) => !env[name]);
    if (missing.length) {
      throw new EnvError(`Production needs these settings, which are missing: ${missing.join(", ")}`);
    }
  }
  return {
    ...env,
    demoMode: !production && !env.SMTP_URL,
    dataDir: path.resolve(env.DATA_DIR),
    // Outside production a fixed secret keeps demo sessions valid across restarts.
    sessionSecret: env.SESSION_SECRET ?? "mutual-voice-demo-secret-not-for-production-use",
    seedDemo: env.SEED_DEMO ?? !production,
    logFormat: env.LOG_FORMAT ?? (env.NODE_ENV === "development" ? "pretty" : "json"),
  };
}
