import { requireStaffActor, type Actor } from "~/models/accounts/people.server.ts";
import type { LetterWelshInput } from "~/schemas/welsh.ts";
import { inTransaction, type Db } from "~/utils/db.server.ts";
import { Refusal } from "~/utils/refusal.server.ts";
import { saveWelshText } from "~/utils/welsh-save.server.ts";
import { loadLetter, type Letter } from "./letters.server.ts";
import { forgetPublicLetter } from "./public.server.ts";

/**
 * A letter's Welsh title and body. Only while it is a draft, as with the English: leaders sign the
 * words they were shown, so neither language changes once the letter opens.
 */
export async function saveLetterWelsh(
  db: Db,
  actor: Actor,
  letterId: number,
  input: LetterWelshInput,
): Promise<Letter> {
  requireStaffActor(actor);
  const letter = await inTransaction(db, async (trx) => {
    const before = await loadLetter(trx, letterId, { lock: true });
    if (before.state !== "draft") {
      throw Refusal.conflict("This letter has opened: its words, in either language, no longer change.");
    }
    await saveWelshText(trx, {
      actorId: actor.id,
      subject: { type: "letter", id: letterId },
      before,
      input,
      write: async (version) => {
        await trx
          .updateTable("letters")
          .set({
            bilingual: input.bilingual,
            title_cy: input.titleCy,
            body_markdown_cy: input.bodyCy,
            version,
            updated_at: new Date(),
          })
          .where("id", "=", letterId)
          .execute();
      },
    });
    return loadLetter(trx, letterId, { lock: false });
  });
  forgetPublicLetter(db, letter.slug);
  return letter;
}
