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
