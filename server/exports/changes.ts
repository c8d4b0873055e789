/**
 * What changed between two states of the analysis (a version and a later version, or a version and now):
 * coverage from → to, other assessment and requirement changes, requirements added and removed,
 * questions decided, input added, dispositions changed, measures changed. Pure: works on two views, or on
 * what of them it reads (ComparedSide).
 */
import type { Coverage, Disposition, QuestionStatus } from '../../schema/types.ts';
import type { SnapshotSource } from '../queries/snapshot.ts';
import type { AnalysisView, InputView, MeasureView, QuestionView, RequirementView } from './analysis.ts';
import {
  COVERAGE_NB,
  DISPOSITION_NB,
  dateNb,
  GAP_DIMENSION_NB,
  label,
  MEASURE_STATUS_NB,
  QUESTION_STATUS_NB,
  scoreNb,
  WORK_STATUS_NB,
} from './labels.ts';

export interface Side {
  kind: 'now' | 'version';
  name: string | null;
  date: string | null;
}

export interface RequirementRef {
  ref: string;
  area_code: string;
  title: string;
  coverage: Coverage;
}

export interface FieldChange {
  ref: string;
  area_code: string | null;
  title: string;
  field: string;
  from: string;
  to: string;
}

export interface Comparison {
  from: Side;
  to: Side;
  coverage_changed: (RequirementRef & { from: Coverage; to: Coverage })[];
  assessment_changed: FieldChange[];
  requirement_changed: FieldChange[];
  requirements_added: RequirementRef[];
  requirements_removed: RequirementRef[];
  questions_added: { ref: string; text: string; status: QuestionStatus }[];
  questions_removed: { ref: string; text: string; status: QuestionStatus }[];
  questions_decided: { ref: string; text: string; from: QuestionStatus; decision: string }[];
  question_status_changed: { ref: string; text: string; from: QuestionStatus; to: QuestionStatus }[];
  question_changed: FieldChange[];
  inputs_added: {
    id: number;
    text: string;
    organisation: string | null;
    disposition: Disposition;
    requirement_refs: string[];
  }[];
  inputs_removed: { id: number; text: string }[];
  dispositions_changed: { id: number; text: string; from: Disposition; to: Disposition; reason: string }[];
  measures_added: { ref: string; title: string }[];
  measures_removed: { ref: string; title: string }[];
  measure_changed: FieldChange[];
  total: number;
}

type ComparedRequirement = Pick<
  RequirementView,
  | 'ref'
  | 'area_code'
  | 'group_name'
  | 'title'
  | 'description'
  | 'articles'
  | 'deadline'
  | 'coverage'
  | 'work_status'
  | 'gap_dimensions'
  | 'situation'
  | 'gap'
  | 'justification'
  | 'responsible_organisation'
>;

type ComparedQuestion = Pick<
  QuestionView,
  | 'ref'
  | 'text'
  | 'area_code'
  | 'status'
  | 'decision'
  | 'rationale'
  | 'consequences'
  | 'decision_owner'
  | 'requirement_refs'
>;

type ComparedMeasure = Pick<
  MeasureView,
  'id' | 'title' | 'description' | 'status' | 'owner' | 'planned_end' | 'solutions' | 'score'
> & { requirements: { ref: string }[] };

/** What a comparison reads of the state it starts from: of input, only its text and how it was dealt with. */
export interface ComparedSide {
  source: SnapshotSource;
  requirements: ComparedRequirement[];
  questions: ComparedQuestion[];
  inputs: Pick<InputView, 'id' | 'text' | 'disposition'>[];
  measures: ComparedMeasure[];
}

/** What it reads of the state it ends at: of new input also who gave it and what it is about. */
export interface ComparedEnd extends ComparedSide {
  inputs: Pick<InputView, 'id' | 'text' | 'disposition' | 'disposition_reason' | 'organisation' | 'requirement_refs'>[];
}

/**
 * The part of a view a comparison from it reads, so that the version a change list starts from need not be
 * held whole (with its input's links, meetings and articles) beside the view of the state it ends at. `inputs`:
 * the version's input, when the view was built without it.
 */
export function comparedSide(view: AnalysisView, inputs: ComparedSide['inputs'] = view.inputs): ComparedSide {
  return {
    source: view.source,
    requirements: view.requirements.map((r) => ({
      ref: r.ref,
      area_code: r.area_code,
      group_name: r.group_name,
      title: r.title,
      description: r.description,
      articles: r.articles,
      deadline: r.deadline,
      coverage: r.coverage,
      work_status: r.work_status,
      gap_dimensions: r.gap_dimensions,
      situation: r.situation,
      gap: r.gap,
      justification: r.justification,
      responsible_organisation: r.responsible_organisation,
    })),
    questions: view.questions.map((q) => ({
      ref: q.ref,
      text: q.text,
      area_code: q.area_code,
      status: q.status,
      decision: q.decision,
      rationale: q.rationale,
      consequences: q.consequences,
      decision_owner: q.decision_owner,
      requirement_refs: q.requirement_refs,
    })),
    inputs: inputs.map(({ id, text, disposition }) => ({ id, text, disposition })).sort((a, b) => a.id - b.id),
    measures: view.measures.map((m) => ({
      id: m.id,
      title: m.title,
      description: m.description,
      status: m.status,
      owner: m.owner,
      planned_end: m.planned_end,
      solutions: m.solutions,
      score: m.score,
      requirements: m.requirements.map(({ ref }) => ({ ref })),
    })),
  };
}

const sideOf = (source: SnapshotSource): Side =>
  source.kind === 'version'
    ? { kind: 'version', name: source.name, date: source.date }
    : { kind: 'now', name: null, date: null };

/** «V0.8 (13.12.2024)» or «nå»: how a report names one side of a comparison. */
export function sideLabel(side: Side): string {
  return side.kind === 'version' ? `${side.name} (${dateNb(side.date)})` : 'nå';
}

const refOf = (r: ComparedRequirement): RequirementRef => ({
  ref: r.ref,
  area_code: r.area_code,
  title: r.title,
  coverage: r.coverage,
});

const dims = (r: ComparedRequirement) => r.gap_dimensions.map((d) => label(GAP_DIMENSION_NB, d)).join(', ');

/** Fields compared on an assessment besides coverage: name, how it reads. */
const ASSESSMENT_FIELDS: [string, (r: ComparedRequirement) => string][] = [
  ['Arbeidsstatus', (r) => label(WORK_STATUS_NB, r.work_status)],
  ['Gapdimensjoner', dims],
  ['Dagens situasjon', (r) => r.situation],
  ['Gap', (r) => r.gap],
  ['Begrunnelse', (r) => r.justification],
  ['Ansvarlig', (r) => r.responsible_organisation ?? ''],
];

const REQUIREMENT_FIELDS: [string, (r: ComparedRequirement) => string][] = [
  ['Område', (r) => r.area_code],
  ['Gruppe', (r) => r.group_name ?? ''],
  ['Tittel', (r) => r.title],
  ['Beskrivelse', (r) => r.description],
  ['Artikler', (r) => r.articles.join('; ')],
  ['Frist', (r) => dateNb(r.deadline)],
];

const MEASURE_FIELDS: [string, (m: ComparedMeasure) => string][] = [
  ['Tittel', (m) => m.title],
  ['Beskrivelse', (m) => m.description],
  ['Status', (m) => label(MEASURE_STATUS_NB, m.status)],
  ['Ansvarlig', (m) => m.owner ?? ''],
  ['Planlagt ferdig', (m) => dateNb(m.planned_end)],
  ['Krav', (m) => m.requirements.map((r) => r.ref).join(', ')],
  ['Nasjonale løsninger', (m) => m.solutions.join(', ')],
  ['Score', (m) => scoreNb(m.score)],
];

function fieldChanges<T>(
  before: T,
  after: T,
  fields: [string, (item: T) => string][],
  head: Omit<FieldChange, 'field' | 'from' | 'to'>,
): FieldChange[] {
  return fields.flatMap(([field, read]) => {
    const from = read(before);
    const to = read(after);
    return from === to ? [] : [{ ...head, field, from, to }];
  });
}

export function compareViews(from: ComparedSide, to: ComparedEnd): Comparison {
  const before = new Map(from.requirements.map((r) => [r.ref, r]));
  const after = new Map(to.requirements.map((r) => [r.ref, r]));
  const c: Comparison = {
    from: sideOf(from.source),
    to: sideOf(to.source),
    coverage_changed: [],
    assessment_changed: [],
    requirement_changed: [],
    requirements_added: to.requirements.filter((r) => !before.has(r.ref)).map(refOf),
    requirements_removed: from.requirements.filter((r) => !after.has(r.ref)).map(refOf),
    questions_added: [],
    questions_removed: [],
    questions_decided: [],
    question_status_changed: [],
    question_changed: [],
    inputs_added: [],
    inputs_removed: [],
    dispositions_changed: [],
    measures_added: [],
    measures_removed: [],
    measure_changed: [],
    total: 0,
  };
  for (const b of to.requirements) {
    const a = before.get(b.ref);
    if (!a) continue;
    if (a.coverage !== b.coverage) c.coverage_changed.push({ ...refOf(b), from: a.coverage, to: b.coverage });
    const head = { ref: b.ref, area_code: b.area_code, title: b.title };
    c.assessment_changed.push(...fieldChanges(a, b, ASSESSMENT_FIELDS, head));
    c.requirement_changed.push(...fieldChanges(a, b, REQUIREMENT_FIELDS, head));
  }

  const qBefore = new Map(from.questions.map((q) => [q.ref, q]));
  const qAfter = new Map(to.questions.map((q) => [q.ref, q]));
  for (const q of to.questions) {
    const p = qBefore.get(q.ref);
    if (!p) {
      c.questions_added.push({ ref: q.ref, text: q.text, status: q.status });
      continue;
    }
    if (p.status !== q.status) {
      if (q.status === 'decided')
        c.questions_decided.push({ ref: q.ref, text: q.text, from: p.status, decision: q.decision });
      else c.question_status_changed.push({ ref: q.ref, text: q.text, from: p.status, to: q.status });
    }
    c.question_changed.push(
      ...fieldChanges(
        p,
        q,
        [
          ['Spørsmål', (x) => x.text],
          ['Beslutning', (x) => x.decision],
          ['Begrunnelse', (x) => x.rationale],
          ['Konsekvenser', (x) => x.consequences],
          ['Beslutningseier', (x) => x.decision_owner],
          ['Krav', (x) => x.requirement_refs.join(', ')],
        ],
        { ref: q.ref, area_code: q.area_code, title: q.text },
      ),
    );
  }
  c.questions_removed = from.questions
    .filter((q) => !qAfter.has(q.ref))
    .map((q) => ({ ref: q.ref, text: q.text, status: q.status }));

  const iBefore = new Map(from.inputs.map((i) => [i.id, i]));
  const iAfter = new Set(to.inputs.map((i) => i.id));
  for (const i of to.inputs) {
    const p = iBefore.get(i.id);
    if (!p) {
      c.inputs_added.push({
        id: i.id,
        text: i.text,
        organisation: i.organisation,
        disposition: i.disposition,
        requirement_refs: i.requirement_refs,
      });
    } else if (p.disposition !== i.disposition) {
      c.dispositions_changed.push({
        id: i.id,
        text: i.text,
        from: p.disposition,
        to: i.disposition,
        reason: i.disposition_reason,
      });
    }
  }
  c.inputs_removed = from.inputs.filter((i) => !iAfter.has(i.id)).map((i) => ({ id: i.id, text: i.text }));

  const mBefore = new Map(from.measures.map((m) => [m.id, m]));
  const mAfter = new Set(to.measures.map((m) => m.id));
  const measureRef = (m: ComparedMeasure) => `#${m.id}`;
  for (const m of to.measures) {
    const p = mBefore.get(m.id);
    if (!p) c.measures_added.push({ ref: measureRef(m), title: m.title });
    else
      c.measure_changed.push(
        ...fieldChanges(p, m, MEASURE_FIELDS, { ref: measureRef(m), area_code: null, title: m.title }),
      );
  }
  c.measures_removed = from.measures
    .filter((m) => !mAfter.has(m.id))
    .map((m) => ({ ref: measureRef(m), title: m.title }));

  c.total = changeRows(c).length;
  return c;
}

export const CHANGE_COLUMNS = ['endring', 'ref', 'område', 'tittel', 'felt', 'fra', 'til'] as const;

/** The comparison as one row per change, in the order a reader wants them: coverage first. */
export function changeRows(c: Comparison): string[][] {
  const cov = (v: Coverage) => label(COVERAGE_NB, v);
  const qs = (v: QuestionStatus) => label(QUESTION_STATUS_NB, v);
  const disp = (v: Disposition) => label(DISPOSITION_NB, v);
  const short = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}…` : text);
  const field = (kind: string) => (f: FieldChange) => [kind, f.ref, f.area_code ?? '', f.title, f.field, f.from, f.to];
  return [
    ...c.coverage_changed.map((r) => [
      'Dekning endret',
      r.ref,
      r.area_code,
      r.title,
      'Dekning',
      cov(r.from),
      cov(r.to),
    ]),
    ...c.requirements_added.map((r) => ['Nytt krav', r.ref, r.area_code, r.title, '', '', cov(r.coverage)]),
    ...c.requirements_removed.map((r) => ['Krav fjernet', r.ref, r.area_code, r.title, '', cov(r.coverage), '']),
    ...c.assessment_changed.map(field('Vurdering endret')),
    ...c.requirement_changed.map(field('Krav endret')),
    ...c.questions_decided.map((q) => ['Spørsmål avklart', q.ref, '', q.text, 'Status', qs(q.from), qs('decided')]),
    ...c.question_status_changed.map((q) => [
      'Spørsmål endret status',
      q.ref,
      '',
      q.text,
      'Status',
      qs(q.from),
      qs(q.to),
    ]),
    ...c.questions_added.map((q) => ['Nytt spørsmål', q.ref, '', q.text, 'Status', '', qs(q.status)]),
    ...c.questions_removed.map((q) => ['Spørsmål fjernet', q.ref, '', q.text, 'Status', qs(q.status), '']),
    ...c.question_changed.map((f) => ['Spørsmål endret', f.ref, '', short(f.title), f.field, f.from, f.to]),
    ...c.inputs_added.map((i) => [
      'Nytt innspill',
      `#${i.id}`,
      '',
      short(i.text),
      'Krav',
      '',
      [i.organisation, i.requirement_refs.join(', ')].filter(Boolean).join(' – '),
    ]),
    ...c.inputs_removed.map((i) => ['Innspill fjernet', `#${i.id}`, '', short(i.text), '', '', '']),
    ...c.dispositions_changed.map((i) => [
      'Behandling endret',
      `#${i.id}`,
      '',
      short(i.text),
      'Behandling',
      disp(i.from),
      i.reason ? `${disp(i.to)}: ${i.reason}` : disp(i.to),
    ]),
    ...c.measures_added.map((m) => ['Nytt tiltak', m.ref, '', m.title, '', '', '']),
    ...c.measures_removed.map((m) => ['Tiltak fjernet', m.ref, '', m.title, '', '', '']),
    ...c.measure_changed.map(field('Tiltak endret')),
  ];
}

/** The title a change list carries: «Endringer siden V0.8 (13.12.2024)», with «til …» unless it runs to now. */
export function changesTitle(c: Comparison): string {
  const from = sideLabel(c.from);
  return c.to.kind === 'now' ? `Endringer siden ${from}` : `Endringer fra ${from} til ${sideLabel(c.to)}`;
}
