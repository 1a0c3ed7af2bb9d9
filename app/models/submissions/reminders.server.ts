import { enqueueEmail } from "~/models/email/outbox.server.ts";
import type { MoveContext } from "~/models/lifecycle.server.ts";
import { loadSubmission, submissionLink } from "~/models/submissions/submissions.server.ts";
import { submissionStateLabels } from "~/schemas/submissions.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { formatDate } from "~/utils/format.ts";
import { londonToday } from "~/utils/london-time.ts";
import { addDays, daysBetween } from "~/utils/working-days.ts";

/**
 * Emails the lead 7 and 2 days before the internal deadline and before the government's closing
 * date, once each. The unique row in submission_reminders is the promise: it is inserted in the
 * transaction that queues the email, so two processes running this at once send one email. A
 * reminder whose day was missed (the submission started late) is skipped when the nearer one is due.
 */

const activeStates = ["drafting", "in_review", "approved"] as const;

interface DueReminder {
  submissionId: number;
  deadline: "internal" | "government";
  daysBefore: 7 | 2;
  dueOn: string;
  deadlineOn: string;
}

export function dueReminders(
  submission: { id: number; internalDeadline: string; closesOn: string },
  today: string,
): DueReminder[] {
  const due: DueReminder[] = [];
  const deadlines = [
    { deadline: "internal" as const, on: submission.internalDeadline },
    { deadline: "government" as const, on: submission.closesOn },
  ];
  for (const { deadline, on } of deadlines) {
    const left = daysBetween(today, on);
    if (left < 0) continue;
    // The nearest reminder whose day has come: 2 days before wins over 7 once both have passed.
    const days = left <= 2 ? 2 : left <= 7 ? 7 : null;
    if (days === null) continue;
    due.push({
      submissionId: submission.id,
      deadline,
      daysBefore: days,
      dueOn: addDays(on, -days),
      deadlineOn: on,
    });
  }
  return due;
}

export async function sendDeadlineReminders(
  db: Db,
  context: MoveContext,
  { today = londonToday(), limit = 200 }: { today?: string; limit?: number } = {},
): Promise<number> {
  const horizon = addDays(today, 7);
  const candidates = await db
    .selectFrom("submissions")
    .innerJoin("consultations", "consultations.id", "submissions.consultation_id")
    .select(["submissions.id", "submissions.internal_deadline", "consultations.closes_on"])
    .where("submissions.state", "in", activeStates)
    .where((eb) =>
      eb.or([
        eb.between("submissions.internal_deadline", today, horizon),
        eb.between("consultations.closes_on", today, horizon),
      ]),
    )
    .orderBy("submissions.id")
    .limit(limit)
    .execute();
  let sent = 0;
  for (const candidate of candidates) {
    const reminders = dueReminders(
      { id: candidate.id, internalDeadline: candidate.internal_deadline, closesOn: candidate.closes_on },
      today,
    );
    for (const reminder of reminders) {
      const queued = await inTransaction(db, async (trx) => {
        const claimed = await trx
          .insertInto("submission_reminders")
          .values({
            submission_id: reminder.submissionId,
            deadline: reminder.deadline,
            days_before: reminder.daysBefore,
            due_on: reminder.dueOn,
          })
          .onConflict((oc) => oc.columns(["submission_id", "deadline", "days_before", "due_on"]).doNothing())
          .returning("id")
          .executeTakeFirst();
        if (!claimed) return false;
        const submission = await loadSubmission(trx, reminder.submissionId);
        await enqueueEmail(trx, {
          to: submission.leadEmail,
          template: "submission-reminder",
          props: {
            name: submission.leadName,
            title: submission.consultationTitle,
            deadlineName:
              reminder.deadline === "internal" ? "internal deadline" : "government's closing date",
            due: formatDate(reminder.deadlineOn),
            daysLeft: daysBetween(today, reminder.deadlineOn),
            state: submissionStateLabels[submission.state].toLowerCase(),
            link: submissionLink(context, submission),
          },
        });
        return true;
      });
      if (queued) sent += 1;
    }
  }
  return sent;
}
