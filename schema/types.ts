/**
 * The database as Kysely sees it. Every table of every migration is described here;
 * queries, routes and the typed client derive their shapes from these interfaces.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** ISO timestamp written by the server (`new Date().toISOString()`). */
type Timestamp = string;
/** ISO calendar date, `YYYY-MM-DD`. */
type IsoDate = string;

export const AREA_CODES = ['A1', 'A2', 'A3', 'A4', 'A5'] as const;
export type AreaCode = (typeof AREA_CODES)[number];

/**
 * A requirement's human ref: area, dash, two to four digits (`A1-09`, `A3-1204`). Four digits leave room for
 * thousands of requirements per area when other acts (GDPR, the AI Act, NIS2) are analysed beside the EHDS.
 */
export const REF_PATTERN = /^A[1-5]-\d{2,4}$/;

export const COVERAGE = ['covered', 'partially_covered', 'not_covered', 'not_applicable', 'not_assessed'] as const;
export type Coverage = (typeof COVERAGE)[number];

export const WORK_STATUS = ['todo', 'in_progress', 'in_review', 'done'] as const;
export type WorkStatus = (typeof WORK_STATUS)[number];

export const GAP_DIMENSIONS = ['legal', 'organisational', 'semantic', 'technical'] as const;
export type GapDimension = (typeof GAP_DIMENSIONS)[number];

/** Art. 14(1) a–f. */
export const CATEGORIES = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
export type Category = (typeof CATEGORIES)[number];

export const QUESTION_STATUS = ['open', 'in_progress', 'decided'] as const;
export type QuestionStatus = (typeof QUESTION_STATUS)[number];

export const INPUT_TYPES = ['comment', 'question', 'proposed_change', 'objection'] as const;
export type InputType = (typeof INPUT_TYPES)[number];

export const DISPOSITIONS = ['pending', 'accepted', 'partially_accepted', 'rejected', 'noted'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export interface AreaTable {
  code: AreaCode;
  name_nb: string;
  name_en: string;
  short_nb: string;
  short_en: string;
  articles_label: string;
  sort_order: number;
  source: string;
}

/** An article (or annex) of a legal act, first of all Regulation (EU) 2025/327. */
export interface ProvisionTable {
  id: Generated<number>;
  act: string;
  /** '3', '105' or 'Annex II'. */
  number: string;
  kind: 'article' | 'annex';
  sort_key: number;
  title_en: string;
  title_nb: string | null;
  chapter: string | null;
  chapter_title: string | null;
  section: string | null;
  section_title: string | null;
  area_code: AreaCode | null;
  other_areas: string | null;
  applies_from: IsoDate | null;
  applies_note: string | null;
  source: string;
}

/** Implementing and delegated acts the Commission may or must adopt: the EU drafts. */
export interface ImplementingActTable {
  id: Generated<number>;
  provision_id: number;
  article_paragraph: string;
  type: 'IA' | 'DA';
  modality: string;
  commission_deadline: IsoDate | null;
  subject: string;
  source: string;
}

export interface LegalMilestoneTable {
  id: Generated<number>;
  date: IsoDate;
  title_nb: string;
  title_en: string;
  description: string;
  source: string;
}

export interface PlanMilestoneTable {
  id: Generated<number>;
  code: string | null;
  title: string;
  date: IsoDate | null;
  date_note: string | null;
  description: string;
  sort_order: number;
  source: string;
}

export interface CategoryTable {
  code: Category;
  name_nb: string;
  name_en: string;
  applies_from: IsoDate;
}

export interface RequirementTable {
  id: Generated<number>;
  ref: string;
  area_code: AreaCode;
  group_name: string | null;
  title: string;
  title_en: string | null;
  description: string;
  deadline: IsoDate | null;
  deadline_note: string | null;
  national_choice: ColumnType<number, number | undefined, number>;
  source: string;
  /** Lower-cased text of ref, titles, description and the assessment's texts, kept by requirement-writes.ts. */
  search_text: string;
  version: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RequirementProvisionTable {
  requirement_id: number;
  provision_id: number;
  /** The citation as written: '14(1)(b)', '23(2)', 'Annex II'. */
  pinpoint: string;
  sort_order: number;
}

export interface RequirementCategoryTable {
  requirement_id: number;
  category: Category;
}

export interface AssessmentTable {
  requirement_id: number;
  coverage: Coverage;
  work_status: WorkStatus;
  /** `;`-separated, in GAP_DIMENSIONS order. */
  gap_dimensions: string;
  situation: string;
  gap: string;
  justification: string;
  responsible_organisation_id: number | null;
  source: string | null;
  version: number;
  updated_by: string;
  updated_at: Timestamp;
}

export interface OrganisationTable {
  id: Generated<number>;
  name: string;
  short_name: string | null;
  kind: string;
  source: string;
}

export interface MeetingTable {
  id: Generated<number>;
  date: IsoDate;
  title: string;
  forum: string | null;
  source: string;
}

export interface MeetingOrganisationTable {
  meeting_id: number;
  organisation_id: number;
}

export interface MeetingAreaTable {
  meeting_id: number;
  area_code: AreaCode;
}

export interface QuestionTable {
  id: Generated<number>;
  ref: string;
  text: string;
  area_code: AreaCode | null;
  status: QuestionStatus;
  /** JSON array of option strings. */
  options: string;
  decision: string;
  rationale: string;
  consequences: string;
  decision_owner: string;
  /** 'analysis' for the gap analysis' own questions, 'discretion' for the regulation's national-choice points. */
  origin: 'analysis' | 'discretion';
  source: string;
  search_text: string;
  version: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface QuestionRequirementTable {
  question_id: number;
  requirement_id: number;
}

export interface QuestionProvisionTable {
  question_id: number;
  provision_id: number;
  pinpoint: string;
}

export interface InputTable {
  id: Generated<number>;
  text: string;
  type: InputType;
  area_code: AreaCode | null;
  organisation_id: number | null;
  meeting_id: number | null;
  author: string | null;
  /** The consultation round it was given in (migration 0004). */
  round_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** The signed-in user who wrote or registered it (migration 0004); never carried by a snapshot. */
  user_id: ColumnType<number | null, number | null | undefined, number | null>;
  disposition: Disposition;
  disposition_reason: string;
  source: string;
  search_text: string;
  version: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InputRequirementTable {
  input_id: number;
  requirement_id: number;
}

export interface InputQuestionTable {
  input_id: number;
  question_id: number;
}

export interface ReferenceGroupTable {
  id: Generated<number>;
  name: string;
  name_en: string;
  description: string;
  /** `;`-separated Art. 14(1) letters. */
  categories: string;
  source: string;
}

export interface ReferenceGroupRequirementTable {
  reference_group_id: number;
  requirement_id: number;
}

/** Append-only: rows are inserted, never updated or deleted. */
export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor: string;
  entity: string;
  entity_id: number;
  entity_ref: string | null;
  action: 'create' | 'update' | 'delete';
  /** JSON object: field → [old, new]. */
  changes: string;
}

/**
 * A version (baseline): the whole analysis frozen under a name (V0.5, V0.8, V1.0). Rows are inserted,
 * never updated or deleted; `snapshot` is the canonical JSON of server/queries/snapshot.ts.
 */
export interface AnalysisVersionTable {
  id: Generated<number>;
  name: string;
  date: IsoDate;
  note: string;
  /** The newest migration when the version was frozen. */
  schema_version: string;
  /** sha256 (hex) of the canonical JSON of the snapshot's tables. */
  content_hash: string;
  snapshot: string;
  /** JSON object of counts (requirements, per coverage, questions…), for lists without parsing `snapshot`. */
  summary: string;
  created_by: string;
  created_at: Timestamp;
}

export interface Database {
  area: AreaTable;
  provision: ProvisionTable;
  implementing_act: ImplementingActTable;
  legal_milestone: LegalMilestoneTable;
  plan_milestone: PlanMilestoneTable;
  category: CategoryTable;
  requirement: RequirementTable;
  requirement_provision: RequirementProvisionTable;
  requirement_category: RequirementCategoryTable;
  assessment: AssessmentTable;
  organisation: OrganisationTable;
  meeting: MeetingTable;
  meeting_organisation: MeetingOrganisationTable;
  meeting_area: MeetingAreaTable;
  question: QuestionTable;
  question_requirement: QuestionRequirementTable;
  question_provision: QuestionProvisionTable;
  input: InputTable;
  input_requirement: InputRequirementTable;
  input_question: InputQuestionTable;
  reference_group: ReferenceGroupTable;
  reference_group_requirement: ReferenceGroupRequirementTable;
  audit_log: AuditLogTable;
  analysis_version: AnalysisVersionTable;
  national_solution: NationalSolutionTable;
  measure: MeasureTable;
  measure_score_leaf: MeasureScoreLeafTable;
  measure_requirement: MeasureRequirementTable;
  measure_solution: MeasureSolutionTable;
}

export type Requirement = Selectable<RequirementTable>;
export type NewRequirement = Insertable<RequirementTable>;
export type RequirementUpdate = Updateable<RequirementTable>;
export type Assessment = Selectable<AssessmentTable>;
export type Provision = Selectable<ProvisionTable>;
export type Question = Selectable<QuestionTable>;
export type Input = Selectable<InputTable>;
export type Organisation = Selectable<OrganisationTable>;
export type Meeting = Selectable<MeetingTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type AnalysisVersion = Selectable<AnalysisVersionTable>;

export const MEASURE_STATUS = ['proposed', 'planned', 'in_progress', 'done', 'stopped'] as const;
export type MeasureStatus = (typeof MEASURE_STATUS)[number];

export const SOLUTION_KINDS = ['national_solution', 'collaboration_service', 'project'] as const;
export type SolutionKind = (typeof SOLUTION_KINDS)[number];

export const SOLUTION_STATUS = ['planned', 'in_progress', 'in_pilot', 'in_rollout', 'in_operation', 'stopped'] as const;
export type SolutionStatus = (typeof SOLUTION_STATUS)[number];

/** A national e-health solution or portfolio project (PLL, Kjernejournal, ICD-11…). */
export interface NationalSolutionTable {
  id: Generated<number>;
  /** Stable key of a seeded row, so seeding again finds it even after an analyst renames it. */
  seed_key: string | null;
  name: string;
  kind: SolutionKind;
  description: string;
  owner_organisation_id: number | null;
  /** Whose role the owner is, as the source words it. */
  owner_note: string;
  /** Null when no source states one. */
  status: SolutionStatus | null;
  status_note: string;
  planned_end: IsoDate | null;
  planned_end_note: string;
  source: string;
  search_text: string;
  version: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/**
 * A measure (tiltak). Its score is stored as leaves only (measure_score_leaf); aggregates and ranks are
 * computed on read (server/queries/scoring.ts), never stored.
 */
export interface MeasureTable {
  id: Generated<number>;
  seed_key: string | null;
  title: string;
  description: string;
  owner_organisation_id: number | null;
  planned_start: IsoDate | null;
  planned_end: IsoDate | null;
  status: MeasureStatus;
  cost_estimate_nok: number | null;
  cost_estimate_year: number | null;
  source: string;
  /** Which scoring formula the leaves were entered under: '2022' (current) or '2022-old'. */
  formula_version: string;
  score_note: string;
  /** The score the source spreadsheet showed, kept as provenance; never used for ranking. */
  sheet_score: number | null;
  /** The rank (prioriteringsnummer) the source spreadsheet showed. */
  sheet_rank: number | null;
  search_text: string;
  version: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One of the 11 leaf questions of the scoring model: 0–10, null when not (yet) a number. */
export interface MeasureScoreLeafTable {
  measure_id: number;
  leaf: string;
  value: number | null;
  note: string;
}

export interface MeasureRequirementTable {
  measure_id: number;
  requirement_id: number;
  /** Why the measure addresses the requirement. */
  link_note: string;
}

export interface MeasureSolutionTable {
  measure_id: number;
  solution_id: number;
}

export type Measure = Selectable<MeasureTable>;
export type NationalSolution = Selectable<NationalSolutionTable>;

export const ROLES = ['admin', 'analyst', 'reference_member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROUND_STATUS = ['draft', 'open', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUS)[number];

/** A person who signs in. The password lives in user_credential, so that reading users never reads a secret. */
export interface AppUserTable {
  id: Generated<number>;
  /** Lower-cased; unique. */
  email: string;
  name: string;
  role: Role;
  /** The organisation a reference-group member speaks for; shown with their input. */
  organisation_id: number | null;
  active: ColumnType<number, number | undefined, number>;
  version: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Never carried by a snapshot or an export, never returned by the API. */
export interface UserCredentialTable {
  user_id: number;
  /** `scrypt$N$r$p$salt$hash`, salt and hash in base64. */
  password_hash: string;
  changed_at: Timestamp;
}

/** A signed-in browser. Only the sha256 of the cookie's token is stored. */
export interface UserSessionTable {
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  /** The absolute end, however active the session is. */
  expires_at: Timestamp;
}

export interface ReferenceGroupMemberTable {
  reference_group_id: number;
  user_id: number;
  added_by: string;
  added_at: Timestamp;
}

/** A consultation round (høringsrunde) of a reference group on a set of requirements. */
export interface ConsultationRoundTable {
  id: Generated<number>;
  reference_group_id: number;
  /** E.g. the EU draft it concerns. */
  title: string;
  description: string;
  opens_on: IsoDate;
  closes_on: IsoDate;
  status: RoundStatus;
  created_by: string;
  version: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoundRequirementTable {
  round_id: number;
  requirement_id: number;
}

/** Tables of migration 0004, added to `Database` by declaration merging so the list above stays as it is. */
export interface Database {
  app_user: AppUserTable;
  user_credential: UserCredentialTable;
  user_session: UserSessionTable;
  reference_group_member: ReferenceGroupMemberTable;
  consultation_round: ConsultationRoundTable;
  round_requirement: RoundRequirementTable;
}

export type AppUser = Selectable<AppUserTable>;
export type ConsultationRound = Selectable<ConsultationRoundTable>;
