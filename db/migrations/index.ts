import type { Migration } from "kysely/migration";
import * as foundation from "./20261126100000_foundation.ts";
import * as directory from "./20261126110000_directory.ts";
import * as positions from "./20261126120000_positions.ts";
import * as letters from "./20261126130000_letters.ts";
import * as surveys from "./20261126140000_surveys.ts";
import * as consultations from "./20261126150000_consultations.ts";
import * as submissions from "./20261126160000_submissions.ts";
import * as mendLettersSurveys from "./20261203160000_mend_letters_surveys_as_landed.ts";
import * as invitationTokens from "./20261203170000_invitation_tokens.ts";
import * as homes from "./20261203180000_homes.ts";
import * as outboxPropsAndJobs from "./20261203185000_outbox_props_and_jobs.ts";
import * as evidenceNoticesAndDigest from "./20261203190000_evidence_notices_and_digest.ts";
import * as signatureAddresses from "./20261204180000_signature_addresses.ts";
import * as surveyConditionsAndFiles from "./20261204181000_survey_conditions_and_files.ts";
import * as secondFactor from "./20261204182000_second_factor.ts";
import * as submissionSnapshots from "./20261204190000_submission_snapshots.ts";
import * as campaigns from "./20261204191000_campaigns.ts";

/**
 * Every migration, by name. Static imports let the same list run under tsx, vitest and the
 * Remix bundle; test/migrations.test.ts checks that no file in this folder is missing here.
 * A migration is frozen once it lands: test/migrations-frozen.test.ts holds each one's sha256, so a
 * correction is a new migration (as 20261203160000_mend_letters_surveys_as_landed is).
 */
export const migrations: Record<string, Migration> = {
  "20261126100000_foundation": foundation,
  "20261126110000_directory": directory,
  "20261126120000_positions": positions,
  "20261126130000_letters": letters,
  "20261126140000_surveys": surveys,
  "20261126150000_consultations": consultations,
  "20261126160000_submissions": submissions,
  "20261203160000_mend_letters_surveys_as_landed": mendLettersSurveys,
  "20261203170000_invitation_tokens": invitationTokens,
  "20261203180000_homes": homes,
  "20261203185000_outbox_props_and_jobs": outboxPropsAndJobs,
  "20261203190000_evidence_notices_and_digest": evidenceNoticesAndDigest,
  "20261204180000_signature_addresses": signatureAddresses,
  "20261204181000_survey_conditions_and_files": surveyConditionsAndFiles,
  "20261204182000_second_factor": secondFactor,
  "20261204190000_submission_snapshots": submissionSnapshots,
  "20261204191000_campaigns": campaigns,
};
