import { discardStalePreviews } from "~/models/directory-imports.server.ts";
import { closeLettersPastTheirDate } from "~/models/letter-lifecycle.server.ts";
import { queueSignatureConfirmations } from "~/models/letter-signing.server.ts";
import { closeSurveysPastTheirDate, sendAutomaticReminders } from "~/models/survey-lifecycle.server.ts";
import { deliverDueEmails } from "~/models/outbox.server.ts";
import { lookUpPendingPostcodes } from "~/models/postcode-lookups.server.ts";
import { pruneSignInTokens } from "~/models/sign-in.server.ts";
import { createPostcodesClient } from "~/services/postcodes.server.ts";
import { createSmtpTransport, sendEmail } from "~/services/smtp.server.ts";
import type { Db } from "./db.server.ts";
import type { Env } from "./env.server.ts";
import { pruneRateLimitEvents } from "./rate-limit.server.ts";
import { pruneExpiredSessions } from "./session.server.ts";

export interface BackgroundLoop {
  stop(): Promise<void>;
}

type Task = { name: string; everyMs: number; run: () => Promise<unknown> };

/**
 * The one background loop: sends the outbox and tidies expired rows. It runs inside the web
 * process by default and alone with `npm run worker`; every task is safe to run in several
 * processes at once because all state (and every claim) lives in the database.
 */
export function startBackgroundLoop(
  db: Db,
  env: Env,
  log: (line: string) => void = console.log,
): BackgroundLoop {
  const transport = env.SMTP_URL ? createSmtpTransport(env.SMTP_URL) : null;
  const tasks: Task[] = [
    {
      name: "prune expired rows",
      everyMs: 10 * 60_000,
      run: async () => {
        await pruneExpiredSessions(db, env);
        await pruneSignInTokens(db);
        await pruneRateLimitEvents(db);
        await discardStalePreviews(db);
      },
    },
    {
      // Postcodes that postcodes.io could not answer for (down, slow) wait here with a backoff.
      name: "look up postcodes",
      everyMs: 15_000,
      run: () =>
        lookUpPendingPostcodes(db, createPostcodesClient({ baseUrl: env.POSTCODES_API_URL }), { limit: 500 }),
    },
    {
      // SKIP LOCKED and one transaction per letter: several processes may run this at once.
      name: "close letters past their closing date",
      everyMs: 60_000,
      run: () => closeLettersPastTheirDate(db),
    },
    {
      name: "queue letter signature confirmations",
      everyMs: env.WORKER_INTERVAL_MS,
      run: () => queueSignatureConfirmations(db),
    },
    {
      // SKIP LOCKED per survey; survey_reminders' key makes each person's reminder once-only.
      name: "survey reminders and closing dates",
      everyMs: 60_000,
      run: async () => {
        await sendAutomaticReminders(db, env.APP_URL ?? `http://localhost:${env.PORT}`);
        await closeSurveysPastTheirDate(db);
      },
    },
  ];
  if (transport) {
    tasks.push({
      name: "send email",
      everyMs: env.WORKER_INTERVAL_MS,
      run: () =>
        deliverDueEmails(db, (email) => sendEmail(transport, { from: env.EMAIL_FROM, ...email }), {
          maxAttempts: env.EMAIL_MAX_ATTEMPTS,
          batchSize: 20,
        }),
    });
  }

  const lastRun = new Map<string, number>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  const tick = async () => {
    for (const task of tasks) {
      if (stopped) return;
      const due = (lastRun.get(task.name) ?? 0) + task.everyMs <= Date.now();
      if (!due) continue;
      lastRun.set(task.name, Date.now());
      try {
        await task.run();
      } catch (error) {
        log(`background: ${task.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = tick().finally(schedule);
    }, env.WORKER_INTERVAL_MS);
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
      transport?.close();
    },
  };
}
