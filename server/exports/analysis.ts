/**
 * A snapshot read as the report reads it: requirements with their assessment, articles, questions,
 * input and measures joined in; areas with their requirements; articles with the requirements that
 * cite them. Every export and the version comparison work from this, for now and for a version alike.
 */
import type { Selectable } from 'kysely';
import type {
  AreaCode,
  Coverage,
  Database,
  Disposition,
  GapDimension,
  InputType,
  QuestionStatus,
  WorkStatus,
} from '../../schema/types.ts';
import { AREA_CODES, COVERAGE, GAP_DIMENSIONS } from '../../schema/types.ts';
import { compareNb } from '../lib/text.ts';
import { compareRefs } from '../queries/articles.ts';
import { decideRisk } from '../queries/risk.ts';
import type { Snapshot, SnapshotSource } from '../queries/snapshot.ts';
import { type MeasureView, readMeasures, type SolutionView } from './analysis-measures.ts';
import { groupBy, rowsOf } from './rows.ts';

export type { MeasureView, SolutionView };

export interface RequirementView {
  id: number;
  ref: string;
  area_code: AreaCode;
  group_name: string | null;
  title: string;
  title_en: string | null;
  description: string;
  deadline: string | null;
  deadline_note: string | null;
  national_choice: boolean;
  source: string;
  /** Citations as written, in their order: `3`, `14(1)(a)`, `Annex II`. */
  articles: string[];
  provision_ids: number[];
  categories: string[];
  coverage: Coverage;
  work_status: WorkStatus;
  gap_dimensions: GapDimension[];
  situation: string;
  gap: string;
  justification: string;
  responsible_organisation: string | null;
  reference_groups: string[];
  questions: QuestionView[];
  inputs: InputView[];
  measures: MeasureView[];
  /** Not covered and no measure in time (only meaningful when the snapshot has measures). */
  at_risk: boolean;
}

export interface QuestionView {
  id: number;
  ref: string;
  text: string;
  area_code: AreaCode | null;
  status: QuestionStatus;
  options: string[];
  decision: string;
  rationale: string;
  consequences: string;
  decision_owner: string;
  origin: string;
  source: string;
  requirement_refs: string[];
  articles: string[];
}

export interface InputView {
  id: number;
  text: string;
  type: InputType;
  area_code: AreaCode | null;
  organisation: string | null;
  meeting: string | null;
  author: string | null;
  disposition: Disposition;
  disposition_reason: string;
  source: string;
  created_at: string;
  requirement_refs: string[];
  question_refs: string[];
}

export interface MeetingView {
  id: number;
  date: string;
  title: string;
  forum: string | null;
  organisations: string[];
  areas: string[];
  source: string;
}

export interface ProvisionView {
  id: number;
  number: string;
  kind: string;
  title: string;
  chapter: string | null;
  chapter_title: string | null;
  area_code: AreaCode | null;
  applies_from: string | null;
  requirement_refs: string[];
  /** Titles of the measures linked to the requirements that cite it. */
  measures: string[];
}

export interface AreaView {
  code: AreaCode;
  name: string;
  short_name: string;
  articles_label: string;
  requirements: RequirementView[];
  coverage: Record<Coverage, number>;
}

export interface AnalysisView {
  source: SnapshotSource;
  schema_version: string;
  exported_at: string;
  areas: AreaView[];
  requirements: RequirementView[];
  questions: QuestionView[];
  inputs: InputView[];
  meetings: MeetingView[];
  provisions: ProvisionView[];
  legal_milestones: Selectable<Database['legal_milestone']>[];
  plan_milestones: Selectable<Database['plan_milestone']>[];
  organisations: Selectable<Database['organisation']>[];
  /** False when the snapshot's schema has no measures at all (as opposed to none registered). */
  has_measures: boolean;
  measures: MeasureView[];
  solutions: SolutionView[];
  coverage_total: Record<Coverage, number>;
}

const emptyCoverage = () => Object.fromEntries(COVERAGE.map((c) => [c, 0])) as Record<Coverage, number>;

function parseJsonArray(value: string): string[] {
  try {
    const parsed = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

export function buildAnalysisView(snapshot: Snapshot): AnalysisView {
  const t = snapshot.tables;
  const requirementsRaw = rowsOf(t, 'requirement');
  const refOf = new Map(requirementsRaw.map((r) => [r.id, r.ref]));
  const orgName = new Map(rowsOf(t, 'organisation').map((o) => [o.id, o.short_name ?? o.name]));
  const orgFullName = new Map(rowsOf(t, 'organisation').map((o) => [o.id, o.name]));
  const meetingsRaw = rowsOf(t, 'meeting');
  const meetingLabel = new Map(meetingsRaw.map((m) => [m.id, `${m.title} (${m.date})`]));
  const questionRefOf = new Map(rowsOf(t, 'question').map((q) => [q.id, q.ref]));
  const refsSorted = (ids: number[] | undefined, names: Map<number, string>) =>
    (ids ?? [])
      .map((id) => names.get(id))
      .filter((r): r is string => r !== undefined)
      .sort(compareRefs);

  const questionReqs = groupBy(
    rowsOf(t, 'question_requirement'),
    (l) => l.question_id,
    (l) => l.requirement_id,
  );
  const questionArticles = groupBy(
    rowsOf(t, 'question_provision'),
    (l) => l.question_id,
    (l) => l.pinpoint,
  );
  const questions: QuestionView[] = rowsOf(t, 'question')
    .map((q) => ({
      id: q.id,
      ref: q.ref,
      text: q.text,
      area_code: q.area_code,
      status: q.status,
      options: parseJsonArray(q.options),
      decision: q.decision,
      rationale: q.rationale,
      consequences: q.consequences,
      decision_owner: q.decision_owner,
      origin: q.origin,
      source: q.source,
      requirement_refs: refsSorted(questionReqs.get(q.id), refOf),
      articles: (questionArticles.get(q.id) ?? []).sort(compareRefs),
    }))
    .sort((a, b) => compareRefs(a.ref, b.ref));

  const inputReqs = groupBy(
    rowsOf(t, 'input_requirement'),
    (l) => l.input_id,
    (l) => l.requirement_id,
  );
  const inputQuestions = groupBy(
    rowsOf(t, 'input_question'),
    (l) => l.input_id,
    (l) => l.question_id,
  );
  const inputs: InputView[] = rowsOf(t, 'input')
    .map((i) => ({
      id: i.id,
      text: i.text,
      type: i.type,
      area_code: i.area_code,
      organisation: i.organisation_id === null ? null : (orgFullName.get(i.organisation_id) ?? null),
      meeting: i.meeting_id === null ? null : (meetingLabel.get(i.meeting_id) ?? null),
      author: i.author,
      disposition: i.disposition,
      disposition_reason: i.disposition_reason,
      source: i.source,
      created_at: i.created_at,
      requirement_refs: refsSorted(inputReqs.get(i.id), refOf),
      question_refs: refsSorted(inputQuestions.get(i.id), questionRefOf),
    }))
    .sort((a, b) => a.id - b.id);

  const deadlineOf = new Map(requirementsRaw.map((r) => [r.id, r.deadline]));
  const { measures, solutions } = readMeasures(t, refOf, deadlineOf, orgName);
  const assessmentOf = new Map(rowsOf(t, 'assessment').map((a) => [a.requirement_id, a]));
  const linksOf = groupBy(
    [...rowsOf(t, 'requirement_provision')].sort((a, b) => a.sort_order - b.sort_order),
    (l) => l.requirement_id,
    (l) => l,
  );
  const categoriesOf = groupBy(
    rowsOf(t, 'requirement_category'),
    (l) => l.requirement_id,
    (l) => l.category,
  );
  const groupName = new Map(rowsOf(t, 'reference_group').map((g) => [g.id, g.name]));
  const groupsOf = groupBy(
    rowsOf(t, 'reference_group_requirement'),
    (l) => l.requirement_id,
    (l) => groupName.get(l.reference_group_id) ?? '',
  );
  const questionsOfReq = groupBy(
    questions.flatMap((q) => q.requirement_refs.map((ref) => ({ ref, q }))),
    (x) => x.ref,
    (x) => x.q,
  );
  const inputsOfReq = groupBy(
    inputs.flatMap((i) => i.requirement_refs.map((ref) => ({ ref, i }))),
    (x) => x.ref,
    (x) => x.i,
  );
  const measuresOfReq = groupBy(
    measures.flatMap((m) => m.requirements.map(({ ref }) => ({ ref, m }))),
    (x) => x.ref,
    (x) => x.m,
  );

  const requirements: RequirementView[] = requirementsRaw
    .map((r) => {
      const a = assessmentOf.get(r.id);
      const links = linksOf.get(r.id) ?? [];
      const dims = (a?.gap_dimensions ?? '').split(';').filter((d) => d !== '');
      return {
        id: r.id,
        ref: r.ref,
        area_code: r.area_code,
        group_name: r.group_name,
        title: r.title,
        title_en: r.title_en,
        description: r.description,
        deadline: r.deadline,
        deadline_note: r.deadline_note,
        national_choice: Boolean(r.national_choice),
        source: r.source,
        articles: links.map((l) => l.pinpoint),
        provision_ids: [...new Set(links.map((l) => l.provision_id))],
        categories: (categoriesOf.get(r.id) ?? []).sort(),
        coverage: a?.coverage ?? 'not_assessed',
        work_status: a?.work_status ?? 'todo',
        gap_dimensions: GAP_DIMENSIONS.filter((d) => dims.includes(d)),
        situation: a?.situation ?? '',
        gap: a?.gap ?? '',
        justification: a?.justification ?? '',
        responsible_organisation:
          a?.responsible_organisation_id == null ? null : (orgName.get(a.responsible_organisation_id) ?? null),
        reference_groups: (groupsOf.get(r.id) ?? []).sort(),
        questions: questionsOfReq.get(r.ref) ?? [],
        inputs: inputsOfReq.get(r.ref) ?? [],
        measures: measuresOfReq.get(r.ref) ?? [],
        at_risk: decideRisk(a?.coverage ?? 'not_assessed', r.deadline, measuresOfReq.get(r.ref) ?? []).at_risk,
      };
    })
    .sort((a, b) => compareRefs(a.ref, b.ref));

  const reqsByProvision = groupBy(
    requirements.flatMap((r) => r.provision_ids.map((p) => ({ p, ref: r.ref }))),
    (x) => x.p,
    (x) => x.ref,
  );
  const measuresByProvision = groupBy(
    requirements.flatMap((r) => r.provision_ids.flatMap((p) => r.measures.map((m) => ({ p, title: m.title })))),
    (x) => x.p,
    (x) => x.title,
  );
  const provisions: ProvisionView[] = rowsOf(t, 'provision')
    .map((p) => ({
      id: p.id,
      number: p.number,
      kind: p.kind,
      title: p.title_nb ?? p.title_en,
      chapter: p.chapter,
      chapter_title: p.chapter_title,
      area_code: p.area_code,
      applies_from: p.applies_from,
      sort_key: p.sort_key,
      requirement_refs: [...new Set(reqsByProvision.get(p.id) ?? [])].sort(compareRefs),
      measures: [...new Set(measuresByProvision.get(p.id) ?? [])].sort(compareNb),
    }))
    .sort((a, b) => a.sort_key - b.sort_key)
    .map(({ sort_key: _, ...p }) => p);

  const orgsOfMeeting = groupBy(
    rowsOf(t, 'meeting_organisation'),
    (l) => l.meeting_id,
    (l) => orgName.get(l.organisation_id) ?? '',
  );
  const areasOfMeeting = groupBy(
    rowsOf(t, 'meeting_area'),
    (l) => l.meeting_id,
    (l) => l.area_code,
  );
  const meetings: MeetingView[] = meetingsRaw
    .map((m) => ({
      id: m.id,
      date: m.date,
      title: m.title,
      forum: m.forum,
      organisations: (orgsOfMeeting.get(m.id) ?? []).sort(compareNb),
      areas: (areasOfMeeting.get(m.id) ?? []).sort(),
      source: m.source,
    }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);

  const reqsOfArea = groupBy(
    requirements,
    (r) => r.area_code,
    (r) => r,
  );
  const areaRows = rowsOf(t, 'area').sort((a, b) => a.sort_order - b.sort_order);
  const areaCodes = areaRows.length ? areaRows.map((a) => a.code) : [...AREA_CODES];
  const coverageTotal = emptyCoverage();
  const areas: AreaView[] = areaCodes.map((code) => {
    const row = areaRows.find((a) => a.code === code);
    const list = reqsOfArea.get(code) ?? [];
    const coverage = emptyCoverage();
    for (const r of list) {
      coverage[r.coverage]++;
      coverageTotal[r.coverage]++;
    }
    return {
      code,
      name: row?.name_nb ?? code,
      short_name: row?.short_nb ?? code,
      articles_label: row?.articles_label ?? '',
      requirements: list,
      coverage,
    };
  });

  return {
    source: snapshot.source,
    schema_version: snapshot.schema_version,
    exported_at: snapshot.exported_at,
    areas,
    requirements,
    questions,
    inputs,
    meetings,
    provisions,
    legal_milestones: rowsOf(t, 'legal_milestone').sort((a, b) => a.date.localeCompare(b.date)),
    plan_milestones: rowsOf(t, 'plan_milestone').sort((a, b) => a.sort_order - b.sort_order),
    organisations: rowsOf(t, 'organisation'),
    has_measures: 'measure' in t,
    measures,
    solutions,
    coverage_total: coverageTotal,
  };
}
