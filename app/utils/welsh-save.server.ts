import { writeAudit } from "./audit.server.ts";
import type { Db } from "./db.server.ts";
import { Refusal } from "./refusal.server.ts";

/**
 * What saving the Welsh text of a survey or a letter shares, inside the caller's transaction once
 * it has locked the row and checked its state: a stale form is refused (the typing is kept by the
 * page), the caller writes its columns with the next version, and one audit row says whether it is
 * bilingual now.
 */
export async function saveWelshText(
  trx: Db,
  {
    actorId,
    subject,
    before,
    input,
    write,
  }: {
    actorId: number;
    subject: { type: "survey" | "letter"; id: number };
    before: { version: number; bilingual: boolean };
    input: { version: number; bilingual: boolean };
    /** Writes the Welsh columns and `version` on the subject's row (and its parts'). */
    write: (version: number) => Promise<void>;
  },
): Promise<void> {
  if (before.version !== input.version) {
    throw Refusal.conflict(
      `Someone else saved this ${subject.type} after you opened it. Your Welsh text is below: check it against the saved ${subject.type} and save again.`,
    );
  }
  const version = before.version + 1;
  await write(version);
  await writeAudit(trx, {
    actorId,
    action: `${subject.type}.welsh_updated`,
    subjectType: subject.type,
    subjectId: subject.id,
    before: { bilingual: before.bilingual, version: before.version },
    after: { bilingual: input.bilingual, version },
  });
}
