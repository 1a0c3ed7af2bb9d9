// Generated from the migrated database by `npm run db:schema`; test/schema.test.ts keeps it true.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

export type Json = ColumnType<unknown, string, string>;

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string;
  before: Json | null;
  after: Json | null;
  created_at: Generated<Date>;
}

export interface BackgroundJobsTable {
  id: Generated<number>;
  kind: string;
  args: Generated<Json>;
  state: Generated<string>;
  progress: string | null;
  error: string | null;
  attempts: Generated<number>;
  requested_by: number | null;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
  locked_until: Date | null;
}

export interface CampaignLinksTable {
  campaign_id: number;
  kind: string;
  item_id: number;
  linked_by: number | null;
  linked_at: Generated<Date>;
}

export interface CampaignOutcomesTable {
  id: Generated<number>;
  campaign_id: number;
  kind: string;
  outcome_on: string;
  government: string;
  source_url: string | null;
  note: Generated<string>;
  recorded_by: number | null;
  recorded_at: Generated<Date>;
}

export interface CampaignsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  ask: string;
  targets: Generated<Json>;
  topics: Generated<Json>;
  owner_id: number;
  state: Generated<string>;
  is_public: Generated<boolean>;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ConsultationSourcesTable {
  id: Generated<number>;
  key: string;
  kind: string;
  name: string;
  base_url: string;
  level: string;
  nation: string | null;
  enabled: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface ConsultationSyncRunsTable {
  id: Generated<number>;
  source_id: number;
  trigger: string;
  run_date: string;
  status: Generated<string>;
  started_by: number | null;
  started_at: Generated<Date>;
  finished_at: Date | null;
  imported_count: Generated<number>;
  updated_count: Generated<number>;
  skipped_count: Generated<number>;
  skipped: Generated<Json>;
  error_at: Date | null;
  error_message: string | null;
}

export interface ConsultationsTable {
  id: Generated<number>;
  source_id: number | null;
  external_id: string | null;
  title: string;
  description: Generated<string>;
  body: string;
  level: string;
  nation: string | null;
  applies_to: Generated<Json>;
  url: string;
  opens_on: string | null;
  closes_on: string;
  relevant: Generated<boolean>;
  matched_keywords: Generated<Json>;
  triage_state: Generated<string>;
  adopted_by: number | null;
  adopted_at: Date | null;
  dismissed_by: number | null;
  dismissed_at: Date | null;
  dismissed_reason: string | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  last_seen_at: Date | null;
}

export interface DigestSendsTable {
  person_id: number;
  week: string;
  created_at: Generated<Date>;
}

export interface DirectoryImportsTable {
  id: Generated<number>;
  created_by: number | null;
  file_name: string;
  status: Generated<string>;
  source: string | null;
  row_count: number;
  preview: Json;
  result: Json | null;
  created_at: Generated<Date>;
  finished_at: Date | null;
}

export interface EmailOutboxTable {
  id: Generated<number>;
  template: string;
  to_address: string;
  subject: string;
  html: string | null;
  text: string | null;
  created_at: Generated<Date>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  locked_until: Date | null;
  sent_at: Date | null;
  failed_at: Date | null;
  last_error: string | null;
  props: Json | null;
  headers: Json | null;
}

export interface EvidenceCitationsTable {
  id: Generated<number>;
  evidence_id: number;
  subject_type: string;
  subject_id: number;
  frozen_value: string | null;
  frozen_n: number | null;
  frozen_on: string | null;
  frozen_text: string;
  frozen_url: string | null;
  frozen_at: Generated<Date>;
}

export interface EvidenceItemsTable {
  id: Generated<number>;
  kind: string;
  status: Generated<string>;
  label: string;
  title: string | null;
  publisher: string | null;
  url: string | null;
  published_on: string | null;
  value: string | null;
  unit: string | null;
  n: number | null;
  as_of: string | null;
  source_note: string | null;
  quote_text: string | null;
  attribution: string | null;
  anonymous: boolean | null;
  consent_method: string | null;
  consent_on: string | null;
  origin: Json | null;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  withdrawn_at: Date | null;
  withdrawn_reason: string | null;
  file_id: number | null;
}

export interface EvidenceUseEmailsTable {
  person_id: number;
  day: string;
  created_at: Generated<Date>;
}

export interface EvidenceUseNoticesTable {
  id: Generated<number>;
  organisation_id: number;
  document_kind: string;
  document_id: number;
  created_at: Generated<Date>;
  emailed_at: Date | null;
}

export interface LetterDeliveriesTable {
  id: Generated<number>;
  letter_id: number;
  recipient: string;
  method: string;
  delivered_on: string;
  reference: string | null;
  notes: string | null;
  pdf_sha256: string;
  csv_sha256: string;
  recorded_by: number | null;
  recorded_at: Generated<Date>;
  corrects_id: number | null;
}

export interface LetterDocumentsTable {
  id: Generated<number>;
  letter_id: number;
  kind: string;
  content: Uint8Array;
  sha256: string;
  created_at: Generated<Date>;
}

export interface LetterFinalSignatoriesTable {
  letter_id: number;
  position: number;
  signature_id: number;
  person_id: number;
  signer_name: string;
  signer_job_title: string | null;
  organisation_name: string;
  nation: string | null;
  staff_count: number;
  signed_at: Date;
}

export interface LetterInvitationsTable {
  id: Generated<number>;
  letter_id: number;
  person_id: number;
  token_hash: string | null;
  invited_by: number | null;
  created_at: Generated<Date>;
}

export interface LetterSignaturesTable {
  id: Generated<number>;
  letter_id: number;
  organisation_id: number;
  person_id: number;
  signer_name: string;
  signer_job_title: string | null;
  organisation_name: string;
  via: string;
  form_key: string;
  signed_at: Generated<Date>;
  withdrawn_at: Date | null;
  link_origin: string;
  confirmation_queued_at: Date | null;
  signer_ip: string | null;
}

export interface LettersTable {
  id: Generated<number>;
  slug: string;
  title: string;
  addressee: string;
  body_markdown: string;
  closes_at: Date | null;
  signature_goal: number | null;
  state: Generated<string>;
  version: Generated<number>;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  opened_at: Date | null;
  closed_at: Date | null;
  delivered_at: Date | null;
  withdrawn_at: Date | null;
  withdrawn_reason: string | null;
}

export interface LoginTokensTable {
  token_hash: string;
  person_id: number;
  redirect_to: Generated<string>;
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
  kind: Generated<string>;
}

export interface OrganisationsTable {
  id: Generated<number>;
  name: string;
  legal_form: string;
  service_area: string;
  nation: string | null;
  postcode: string | null;
  local_authority: string | null;
  local_authority_code: string | null;
  constituency: string | null;
  staff_count: Generated<number>;
  public_income_gbp: Generated<string>;
  membership_status: Generated<string>;
  joined_on: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  archived_at: Date | null;
  postcode_status: Generated<string>;
  postcode_attempts: Generated<number>;
  postcode_next_attempt_at: Date | null;
  postcode_checked_at: Date | null;
  postcode_error: string | null;
}

export interface PeopleTable {
  id: Generated<number>;
  organisation_id: number | null;
  email: string;
  name: string;
  job_title: string | null;
  role: string;
  is_leader: Generated<boolean>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  invited_at: Date | null;
  erased_at: Date | null;
  home_visit_at: Date | null;
  home_previous_visit_at: Date | null;
  weekly_digest: Generated<boolean>;
}

export interface PositionReviewsTable {
  id: Generated<number>;
  position_id: number;
  version_id: number;
  outcome: string;
  actor_id: number | null;
  reviewer_id: number | null;
  comment: Generated<string>;
  created_at: Generated<Date>;
}

export interface PositionVersionsTable {
  id: Generated<number>;
  position_id: number;
  number: number;
  title: string;
  summary: string;
  body: string;
  note: Generated<string>;
  author_id: number | null;
  base_version_id: number | null;
  created_at: Generated<Date>;
}

export interface PositionsTable {
  id: Generated<number>;
  slug: string;
  title: string;
  summary: Generated<string>;
  topics: Json;
  owner_id: number;
  state: Generated<string>;
  is_public: Generated<boolean>;
  current_version_id: number | null;
  reviewer_id: number | null;
  review_requested_by: number | null;
  approved_version_id: number | null;
  published_version_id: number | null;
  published_by: number | null;
  published_at: Date | null;
  awaiting_retrospective_review: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RateLimitEventsTable {
  id: Generated<number>;
  bucket: string;
  created_at: Generated<Date>;
}

export interface RecoveryCodesTable {
  id: Generated<number>;
  person_id: number;
  code_hash: string;
  created_at: Generated<Date>;
  used_at: Date | null;
}

export interface SecuritySettingsTable {
  id: Generated<boolean>;
  second_factor_required_for_staff: Generated<boolean>;
  updated_at: Generated<Date>;
}

export interface SessionsTable {
  id_hash: string;
  person_id: number;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
  number: Generated<number>;
  user_agent: string | null;
  second_factor_at: Date | null;
  webauthn_challenge: string | null;
  webauthn_challenge_expires_at: Date | null;
}

export interface StoredFilesTable {
  id: Generated<number>;
  sha256: string;
  size_bytes: number;
  media_type: string;
  filename: string;
  purpose: string;
  organisation_id: number | null;
  uploaded_by: number | null;
  created_at: Generated<Date>;
}

export interface SubmissionFilesTable {
  id: Generated<number>;
  record_id: number;
  kind: string;
  filename: string;
  content: Uint8Array;
  sha256: string;
}

export interface SubmissionOutcomesTable {
  id: Generated<number>;
  submission_id: number;
  response_url: string | null;
  response_on: string | null;
  note: Generated<string>;
  recorded_by: number | null;
  recorded_at: Generated<Date>;
}

export interface SubmissionQuestionsTable {
  id: Generated<number>;
  submission_id: number;
  position: number;
  number: string | null;
  question: string;
  answer: Generated<string>;
  version: Generated<number>;
  updated_by: number | null;
  updated_at: Generated<Date>;
}

export interface SubmissionRecordsTable {
  id: Generated<number>;
  submission_id: number;
  channel: string;
  reference: Generated<string>;
  sent_at: Date;
  note: Generated<string>;
  recorded_by: number | null;
  recorded_at: Generated<Date>;
  corrects_id: number | null;
}

export interface SubmissionRemindersTable {
  id: Generated<number>;
  submission_id: number;
  deadline: string;
  days_before: number;
  due_on: string;
  sent_at: Generated<Date>;
}

export interface SubmissionsTable {
  id: Generated<number>;
  consultation_id: number;
  government: string;
  preamble: Generated<string>;
  lead_id: number;
  internal_deadline: string;
  state: Generated<string>;
  reviewer_id: number | null;
  review_requested_by: number | null;
  approved_by: number | null;
  approved_at: Date | null;
  frozen_network: Json | null;
  withdrawn_reason: string | null;
  slug: string | null;
  published_at: Date | null;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  frozen_document: Json | null;
}

export interface SurveyAnswersTable {
  response_id: number;
  question_id: number;
  choices: Json | null;
  other_text: string | null;
  number: string | null;
  yes: boolean | null;
  title: string | null;
  text: string | null;
  consent: string | null;
  file_id: number | null;
}

export interface SurveyInvitationsTable {
  id: Generated<number>;
  survey_id: number;
  person_id: number;
  organisation_id: number;
  token_hash: string | null;
  reminder_token_hash: string | null;
  responded: Generated<boolean>;
  created_at: Generated<Date>;
  member_token_hash: string | null;
  completing: Generated<boolean>;
}

export interface SurveyQuestionsTable {
  id: Generated<number>;
  survey_id: number;
  section_id: number;
  position: number;
  kind: string;
  prompt: string;
  help_text: Generated<string>;
  required: Generated<boolean>;
  settings: Json;
  condition: Json | null;
}

export interface SurveyRemindersTable {
  invitation_id: number;
  kind: string;
  sent_at: Generated<Date>;
}

export interface SurveyResponseSectionsTable {
  response_id: number;
  section_id: number;
  version: Generated<number>;
  saved_by_name: string | null;
  saved_at: Date | null;
}

export interface SurveyResponsesTable {
  id: Generated<number>;
  survey_id: number;
  respondent_key: string;
  organisation_id: number | null;
  person_id: number | null;
  status: Generated<string>;
  anonymous: Generated<boolean>;
  nation: string | null;
  service_area: string | null;
  size_band: string | null;
  submitted_on: string | null;
  submitted_at: Date | null;
  submitted_by: number | null;
}

export interface SurveySectionsTable {
  id: Generated<number>;
  survey_id: number;
  position: number;
  title: string;
  introduction: Generated<string>;
  condition: Json | null;
}

export interface SurveysTable {
  id: Generated<number>;
  title: string;
  introduction: Generated<string>;
  state: Generated<string>;
  mode: string;
  anonymity: string;
  audience: Json;
  opens_on: string | null;
  closes_at: Date | null;
  disclosure_threshold: Generated<number>;
  reminder_days_before: number | null;
  automatic_reminder_sent_at: Date | null;
  version: Generated<number>;
  previous_version_id: number | null;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  opened_at: Date | null;
  closed_at: Date | null;
  archived_at: Date | null;
  inviting_from: string | null;
  inviting_since: Date | null;
}

export interface TopicKeywordsTable {
  id: Generated<number>;
  topic: string;
  keyword: string;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface TotpAuthenticatorsTable {
  person_id: number;
  secret_sealed: string;
  confirmed_at: Date | null;
  last_step: Generated<number>;
  created_at: Generated<Date>;
}

export interface WebauthnCredentialsTable {
  id: Generated<number>;
  person_id: number;
  credential_id: string;
  public_key: Uint8Array;
  counter: Generated<number>;
  transports: Generated<Json>;
  name: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
}

export interface Database {
  audit_log: AuditLogTable;
  background_jobs: BackgroundJobsTable;
  campaign_links: CampaignLinksTable;
  campaign_outcomes: CampaignOutcomesTable;
  campaigns: CampaignsTable;
  consultation_sources: ConsultationSourcesTable;
  consultation_sync_runs: ConsultationSyncRunsTable;
  consultations: ConsultationsTable;
  digest_sends: DigestSendsTable;
  directory_imports: DirectoryImportsTable;
  email_outbox: EmailOutboxTable;
  evidence_citations: EvidenceCitationsTable;
  evidence_items: EvidenceItemsTable;
  evidence_use_emails: EvidenceUseEmailsTable;
  evidence_use_notices: EvidenceUseNoticesTable;
  letter_deliveries: LetterDeliveriesTable;
  letter_documents: LetterDocumentsTable;
  letter_final_signatories: LetterFinalSignatoriesTable;
  letter_invitations: LetterInvitationsTable;
  letter_signatures: LetterSignaturesTable;
  letters: LettersTable;
  login_tokens: LoginTokensTable;
  organisations: OrganisationsTable;
  people: PeopleTable;
  position_reviews: PositionReviewsTable;
  position_versions: PositionVersionsTable;
  positions: PositionsTable;
  rate_limit_events: RateLimitEventsTable;
  recovery_codes: RecoveryCodesTable;
  security_settings: SecuritySettingsTable;
  sessions: SessionsTable;
  stored_files: StoredFilesTable;
  submission_files: SubmissionFilesTable;
  submission_outcomes: SubmissionOutcomesTable;
  submission_questions: SubmissionQuestionsTable;
  submission_records: SubmissionRecordsTable;
  submission_reminders: SubmissionRemindersTable;
  submissions: SubmissionsTable;
  survey_answers: SurveyAnswersTable;
  survey_invitations: SurveyInvitationsTable;
  survey_questions: SurveyQuestionsTable;
  survey_reminders: SurveyRemindersTable;
  survey_response_sections: SurveyResponseSectionsTable;
  survey_responses: SurveyResponsesTable;
  survey_sections: SurveySectionsTable;
  surveys: SurveysTable;
  topic_keywords: TopicKeywordsTable;
  totp_authenticators: TotpAuthenticatorsTable;
  webauthn_credentials: WebauthnCredentialsTable;
}

export type AuditLogRow = Selectable<AuditLogTable>;
export type NewAuditLogRow = Insertable<AuditLogTable>;
export type AuditLogUpdate = Updateable<AuditLogTable>;
export type BackgroundJobsRow = Selectable<BackgroundJobsTable>;
export type NewBackgroundJobsRow = Insertable<BackgroundJobsTable>;
export type BackgroundJobsUpdate = Updateable<BackgroundJobsTable>;
export type CampaignLinksRow = Selectable<CampaignLinksTable>;
export type NewCampaignLinksRow = Insertable<CampaignLinksTable>;
export type CampaignLinksUpdate = Updateable<CampaignLinksTable>;
export type CampaignOutcomesRow = Selectable<CampaignOutcomesTable>;
export type NewCampaignOutcomesRow = Insertable<CampaignOutcomesTable>;
export type CampaignOutcomesUpdate = Updateable<CampaignOutcomesTable>;
export type CampaignsRow = Selectable<CampaignsTable>;
export type NewCampaignsRow = Insertable<CampaignsTable>;
export type CampaignsUpdate = Updateable<CampaignsTable>;
export type ConsultationSourcesRow = Selectable<ConsultationSourcesTable>;
export type NewConsultationSourcesRow = Insertable<ConsultationSourcesTable>;
export type ConsultationSourcesUpdate = Updateable<ConsultationSourcesTable>;
export type ConsultationSyncRunsRow = Selectable<ConsultationSyncRunsTable>;
export type NewConsultationSyncRunsRow = Insertable<ConsultationSyncRunsTable>;
export type ConsultationSyncRunsUpdate = Updateable<ConsultationSyncRunsTable>;
export type ConsultationsRow = Selectable<ConsultationsTable>;
export type NewConsultationsRow = Insertable<ConsultationsTable>;
export type ConsultationsUpdate = Updateable<ConsultationsTable>;
export type DigestSendsRow = Selectable<DigestSendsTable>;
export type NewDigestSendsRow = Insertable<DigestSendsTable>;
export type DigestSendsUpdate = Updateable<DigestSendsTable>;
export type DirectoryImportsRow = Selectable<DirectoryImportsTable>;
export type NewDirectoryImportsRow = Insertable<DirectoryImportsTable>;
export type DirectoryImportsUpdate = Updateable<DirectoryImportsTable>;
export type EmailOutboxRow = Selectable<EmailOutboxTable>;
export type NewEmailOutboxRow = Insertable<EmailOutboxTable>;
export type EmailOutboxUpdate = Updateable<EmailOutboxTable>;
export type EvidenceCitationsRow = Selectable<EvidenceCitationsTable>;
export type NewEvidenceCitationsRow = Insertable<EvidenceCitationsTable>;
export type EvidenceCitationsUpdate = Updateable<EvidenceCitationsTable>;
export type EvidenceItemsRow = Selectable<EvidenceItemsTable>;
export type NewEvidenceItemsRow = Insertable<EvidenceItemsTable>;
export type EvidenceItemsUpdate = Updateable<EvidenceItemsTable>;
export type EvidenceUseEmailsRow = Selectable<EvidenceUseEmailsTable>;
export type NewEvidenceUseEmailsRow = Insertable<EvidenceUseEmailsTable>;
export type EvidenceUseEmailsUpdate = Updateable<EvidenceUseEmailsTable>;
export type EvidenceUseNoticesRow = Selectable<EvidenceUseNoticesTable>;
export type NewEvidenceUseNoticesRow = Insertable<EvidenceUseNoticesTable>;
export type EvidenceUseNoticesUpdate = Updateable<EvidenceUseNoticesTable>;
export type LetterDeliveriesRow = Selectable<LetterDeliveriesTable>;
export type NewLetterDeliveriesRow = Insertable<LetterDeliveriesTable>;
export type LetterDeliveriesUpdate = Updateable<LetterDeliveriesTable>;
export type LetterDocumentsRow = Selectable<LetterDocumentsTable>;
export type NewLetterDocumentsRow = Insertable<LetterDocumentsTable>;
export type LetterDocumentsUpdate = Updateable<LetterDocumentsTable>;
export type LetterFinalSignatoriesRow = Selectable<LetterFinalSignatoriesTable>;
export type NewLetterFinalSignatoriesRow = Insertable<LetterFinalSignatoriesTable>;
export type LetterFinalSignatoriesUpdate = Updateable<LetterFinalSignatoriesTable>;
export type LetterInvitationsRow = Selectable<LetterInvitationsTable>;
export type NewLetterInvitationsRow = Insertable<LetterInvitationsTable>;
export type LetterInvitationsUpdate = Updateable<LetterInvitationsTable>;
export type LetterSignaturesRow = Selectable<LetterSignaturesTable>;
export type NewLetterSignaturesRow = Insertable<LetterSignaturesTable>;
export type LetterSignaturesUpdate = Updateable<LetterSignaturesTable>;
export type LettersRow = Selectable<LettersTable>;
export type NewLettersRow = Insertable<LettersTable>;
export type LettersUpdate = Updateable<LettersTable>;
export type LoginTokensRow = Selectable<LoginTokensTable>;
export type NewLoginTokensRow = Insertable<LoginTokensTable>;
export type LoginTokensUpdate = Updateable<LoginTokensTable>;
export type OrganisationsRow = Selectable<OrganisationsTable>;
export type NewOrganisationsRow = Insertable<OrganisationsTable>;
export type OrganisationsUpdate = Updateable<OrganisationsTable>;
export type PeopleRow = Selectable<PeopleTable>;
export type NewPeopleRow = Insertable<PeopleTable>;
export type PeopleUpdate = Updateable<PeopleTable>;
export type PositionReviewsRow = Selectable<PositionReviewsTable>;
export type NewPositionReviewsRow = Insertable<PositionReviewsTable>;
export type PositionReviewsUpdate = Updateable<PositionReviewsTable>;
export type PositionVersionsRow = Selectable<PositionVersionsTable>;
export type NewPositionVersionsRow = Insertable<PositionVersionsTable>;
export type PositionVersionsUpdate = Updateable<PositionVersionsTable>;
export type PositionsRow = Selectable<PositionsTable>;
export type NewPositionsRow = Insertable<PositionsTable>;
export type PositionsUpdate = Updateable<PositionsTable>;
export type RateLimitEventsRow = Selectable<RateLimitEventsTable>;
export type NewRateLimitEventsRow = Insertable<RateLimitEventsTable>;
export type RateLimitEventsUpdate = Updateable<RateLimitEventsTable>;
export type RecoveryCodesRow = Selectable<RecoveryCodesTable>;
export type NewRecoveryCodesRow = Insertable<RecoveryCodesTable>;
export type RecoveryCodesUpdate = Updateable<RecoveryCodesTable>;
export type SecuritySettingsRow = Selectable<SecuritySettingsTable>;
export type NewSecuritySettingsRow = Insertable<SecuritySettingsTable>;
export type SecuritySettingsUpdate = Updateable<SecuritySettingsTable>;
export type SessionsRow = Selectable<SessionsTable>;
export type NewSessionsRow = Insertable<SessionsTable>;
export type SessionsUpdate = Updateable<SessionsTable>;
export type StoredFilesRow = Selectable<StoredFilesTable>;
export type NewStoredFilesRow = Insertable<StoredFilesTable>;
export type StoredFilesUpdate = Updateable<StoredFilesTable>;
export type SubmissionFilesRow = Selectable<SubmissionFilesTable>;
export type NewSubmissionFilesRow = Insertable<SubmissionFilesTable>;
export type SubmissionFilesUpdate = Updateable<SubmissionFilesTable>;
export type SubmissionOutcomesRow = Selectable<SubmissionOutcomesTable>;
export type NewSubmissionOutcomesRow = Insertable<SubmissionOutcomesTable>;
export type SubmissionOutcomesUpdate = Updateable<SubmissionOutcomesTable>;
export type SubmissionQuestionsRow = Selectable<SubmissionQuestionsTable>;
export type NewSubmissionQuestionsRow = Insertable<SubmissionQuestionsTable>;
export type SubmissionQuestionsUpdate = Updateable<SubmissionQuestionsTable>;
export type SubmissionRecordsRow = Selectable<SubmissionRecordsTable>;
export type NewSubmissionRecordsRow = Insertable<SubmissionRecordsTable>;
export type SubmissionRecordsUpdate = Updateable<SubmissionRecordsTable>;
export type SubmissionRemindersRow = Selectable<SubmissionRemindersTable>;
export type NewSubmissionRemindersRow = Insertable<SubmissionRemindersTable>;
export type SubmissionRemindersUpdate = Updateable<SubmissionRemindersTable>;
export type SubmissionsRow = Selectable<SubmissionsTable>;
export type NewSubmissionsRow = Insertable<SubmissionsTable>;
export type SubmissionsUpdate = Updateable<SubmissionsTable>;
export type SurveyAnswersRow = Selectable<SurveyAnswersTable>;
export type NewSurveyAnswersRow = Insertable<SurveyAnswersTable>;
export type SurveyAnswersUpdate = Updateable<SurveyAnswersTable>;
export type SurveyInvitationsRow = Selectable<SurveyInvitationsTable>;
export type NewSurveyInvitationsRow = Insertable<SurveyInvitationsTable>;
export type SurveyInvitationsUpdate = Updateable<SurveyInvitationsTable>;
export type SurveyQuestionsRow = Selectable<SurveyQuestionsTable>;
export type NewSurveyQuestionsRow = Insertable<SurveyQuestionsTable>;
export type SurveyQuestionsUpdate = Updateable<SurveyQuestionsTable>;
export type SurveyRemindersRow = Selectable<SurveyRemindersTable>;
export type NewSurveyRemindersRow = Insertable<SurveyRemindersTable>;
export type SurveyRemindersUpdate = Updateable<SurveyRemindersTable>;
export type SurveyResponseSectionsRow = Selectable<SurveyResponseSectionsTable>;
export type NewSurveyResponseSectionsRow = Insertable<SurveyResponseSectionsTable>;
export type SurveyResponseSectionsUpdate = Updateable<SurveyResponseSectionsTable>;
export type SurveyResponsesRow = Selectable<SurveyResponsesTable>;
export type NewSurveyResponsesRow = Insertable<SurveyResponsesTable>;
export type SurveyResponsesUpdate = Updateable<SurveyResponsesTable>;
export type SurveySectionsRow = Selectable<SurveySectionsTable>;
export type NewSurveySectionsRow = Insertable<SurveySectionsTable>;
export type SurveySectionsUpdate = Updateable<SurveySectionsTable>;
export type SurveysRow = Selectable<SurveysTable>;
export type NewSurveysRow = Insertable<SurveysTable>;
export type SurveysUpdate = Updateable<SurveysTable>;
export type TopicKeywordsRow = Selectable<TopicKeywordsTable>;
export type NewTopicKeywordsRow = Insertable<TopicKeywordsTable>;
export type TopicKeywordsUpdate = Updateable<TopicKeywordsTable>;
export type TotpAuthenticatorsRow = Selectable<TotpAuthenticatorsTable>;
export type NewTotpAuthenticatorsRow = Insertable<TotpAuthenticatorsTable>;
export type TotpAuthenticatorsUpdate = Updateable<TotpAuthenticatorsTable>;
export type WebauthnCredentialsRow = Selectable<WebauthnCredentialsTable>;
export type NewWebauthnCredentialsRow = Insertable<WebauthnCredentialsTable>;
export type WebauthnCredentialsUpdate = Updateable<WebauthnCredentialsTable>;
