import {
  runDailyConsultationSync,
  runRequestedConsultationSyncs,
  syncDepsFromEnv,
} from "./app/models/consultations/sync.server.ts";
import { discardStalePreviews } from "./app/models/directory/imports.server.ts";
import { closeLettersPastTheirDate } from "./app/models/letters/lifecycle.server.ts";
import { forgetSignerAddresses, queueSignatureConfirmations } from "./app/models/letters/signing.server.ts";
import { closeSurveysPastTheirDate, sendAutomaticReminders } from "./app/models/surveys/lifecycle.server.ts";
import { sendStalledInvitations } from "./app/models/surveys/invitations.server.ts";
import { finishAnonymousCompletions } from "./app/models/surveys/completions.server.ts";
import { deliverDueEmails, pruneSentEmails } from "./app/models/email/outbox.server.ts";
import {
  lookUpPendingPostcodes,
  runRequestedPostcodeLookups,
} from "./app/models/directory/postcode-lookups.server.ts";
import { pruneSignInTokens } from "./app/models/accounts/sign-in.server.ts";
import { sendDeadlineReminders } from "./app/models/submissions/reminders.server.ts";
import { refreshBankHolidays } from "./app/models/submissions/bank-holidays.server.ts";
import { sendEvidenceUseEmails } from "./app/models/homes/evidence-emails.server.ts";
import { sendWeeklyDigests } from "./app/models/homes/digest.server.ts";
import { SourceError } from "./app/services/json-http.server.ts";
import { createPostcodesClient } from "./app/services/postcodes.server.ts";
import { createSmtpTransport, sendEmail } from "./app/services/smtp.server.ts";
import type { Db } from "./app/utils/db.server.ts";
import type { Env } from "./app/utils/env.server.ts";
import type { Logger } from "./app/utils/log.server.ts";
import type { Metrics } from "./app/utils/metrics.server.ts";
import { pruneRateLimitEvents } from "./app/utils/rate-limit.server.ts";
import { pruneExpiredSessions } from "./app/models/accounts/sessions.server.ts";

export interface BackgroundLoop {
  stop(): Promise<void>;
}

type Task = { name: string; everyMs: number; run: () => Promise<unknown> };

/** Where the loop reports: failures to the log (with their stack and causes, or one line for an unreachable outside source), runs to the metrics. */
export interface LoopObservers {
  log: Pick<Logger, "error" | "warn">;
  metrics?: Metrics | undefined;
}

/**
 * The one background loop: sends the outbox and tidies expired rows. It runs inside the web
 * process by default and alone with `npm run worker`; every task is safe to run in several
 * processes at once because all state (and every claim) lives in the database.
 */
export function startBackgroundLoop(db: Db, env: Env, { log, metrics }: LoopObservers): BackgroundLoop {
  const transport = env.SMTP_URL ? createSmtpTransport(env.SMTP_URL) : null;
  const tasks: Task[] = [
    {
      name: "prune expired rows",
      everyMs: 10 * 60_000,
      run: async () => {
        await pruneExpiredSessions(db, env);
        await pruneSignInTokens(db);
        await pruneRateLimitEvents(db);
        await forgetSignerAddresses(db);
        await discardStalePreviews(db);
        // Sent rows hold no body; the rest of the row goes once nobody needs its history.
        await pruneSentEmails(db, { olderThanDays: 30 });
      },
    },
    {
      // Organisations just added, edited or imported: the request only asked.
      name: "run requested postcode lookups",
      everyMs: env.WORKER_INTERVAL_MS,
      run: () => runRequestedPostcodeLookups(db, createPostcodesClient({ baseUrl: env.POSTCODES_API_URL })),
    },
    {
      // Postcodes that postcodes.io could not answer for (down, slow) wait here with a backoff.
      name: "look up postcodes",
      everyMs: 15_000,
      run: () =>
        lookUpPendingPostcodes(db, createPostcodesClient({ baseUrl: env.POSTCODES_API_URL }), { limit: 500 }),
    },
    {
      // "Sync now" pressed on the radar: the request only wrote the job row.
      name: "run requested consultation syncs",
      everyMs: env.WORKER_INTERVAL_MS,
      run: () => runRequestedConsultationSyncs(db, syncDepsFromEnv(env)),
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
        // An opening whose process stopped half way: the rest of its audience, in small batches.
        await sendStalledInvitations(db);
        // Anonymous answers a crash left submitted but not marked on their invitation.
        await finishAnonymousCompletions(db);
        await sendAutomaticReminders(db, env.APP_URL ?? `http://localhost:${env.PORT}`);
        await closeSurveysPastTheirDate(db);
      },
    },
    {
      // Once each: the unique reminder row is written with the email, whichever process gets there first.
      name: "submission deadline reminders",
      everyMs: 15 * 60_000,
      run: () => sendDeadlineReminders(db, { appUrl: env.APP_URL ?? `http://${env.HOST}:${env.PORT}` }),
    },
    {
      // From EVIDENCE_EMAIL_HOUR London (16:00); a row per person per day keeps it to one email each
      // however many processes run. Each tick: before the hour it only reads the clock, after it one
      // query on a partial index of waiting notices.
      name: "evidence-use emails",
      everyMs: env.WORKER_INTERVAL_MS,
      run: () =>
        sendEvidenceUseEmails(db, {
          appUrl: env.APP_URL ?? `http://${env.HOST}:${env.PORT}`,
          fromHour: env.EVIDENCE_EMAIL_HOUR,
        }),
    },
    {
      // Mondays from 08:00 London; a row per person per ISO week makes it once a week.
      name: "weekly digest",
      everyMs: 10 * 60_000,
      run: () =>
        sendWeeklyDigests(db, {
          appUrl: env.APP_URL ?? `http://${env.HOST}:${env.PORT}`,
          secret: env.sessionSecret,
        }),
    },
  ];
  if (env.CONSULTATION_DAILY_SYNC) {
    tasks.push({
      // Looks every 10 minutes; a run row per source per London day makes it import once a day
      // however many processes run the loop.
      name: "import open consultations",
      everyMs: 10 * 60_000,
      run: () => runDailyConsultationSync(db, syncDepsFromEnv(env)),
    });
    tasks.push({
      // The same switch lets the app talk to GOV.UK. A failed fetch keeps the last good copy;
      // the list changes a few times a year, so twice a day is plenty.
      name: "load bank holidays",
      everyMs: 12 * 60 * 60_000,
      run: () => refreshBankHolidays(db, { baseUrl: env.GOVUK_API_URL }),
    });
  }
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
        metrics?.taskRan(task.name, false);
      } catch (error) {
        metrics?.taskRan(task.name, true);
        if (error instanceof SourceError) {
          // Expected now and then (GOV.UK down, or no network on a demo machine): the task keeps its
          // last good copy and tries again at its next turn, so one line without a stack.
          log.warn({ task: task.name, reason: error.message }, "outside source unavailable: will try again");
        } else {
          // The stack, not only the message: a background failure has no request to trace it back to.
          log.error({ err: error, task: task.name }, "background task failed");
        }
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
