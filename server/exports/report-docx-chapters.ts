/**
 * The report's later chapters: all principle questions, the deadline timeline, and the appendices
 * (traceability, correlation table, engagement meetings, changes since the previous version).
 */
import type { Coverage } from '../../schema/types.ts';
import { DUE_DATES } from '../queries/dashboard.ts';
import type { AnalysisView, QuestionView, RequirementView } from './analysis.ts';
import { type Comparison, changeRows, changesTitle, sideLabel } from './changes.ts';
import { bullet, chapter, heading, MUTED, paragraphs, runs, table, text } from './docx-kit.ts';
import { COVERAGE_NB, dateNb, label, QUESTION_STATUS_NB, WORK_STATUS_NB } from './labels.ts';
import type { Paragraph, Sink, Table } from './wordml.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Covered or judged not applicable: what the timeline does not need to list. */
export const isSettled = (c: Coverage) => c === 'covered' || c === 'not_applicable';

function questionRows(questions: QuestionView[]) {
  return questions.map((q) => {
    const decision = [
      q.decision,
      q.rationale ? `Begrunnelse: ${q.rationale}` : '',
      q.consequences ? `Konsekvenser: ${q.consequences}` : '',
    ]
      .filter(Boolean)
      .join('\n');
    return [
      { text: q.ref, bold: true },
      q.text,
      [q.area_code ?? '', q.requirement_refs.join(', ')].filter(Boolean).join('\n'),
      label(QUESTION_STATUS_NB, q.status),
      decision || '–',
    ];
  });
}

export function questionChapter(out: Sink, view: AnalysisView) {
  const analysis = view.questions.filter((q) => q.origin === 'analysis');
  const discretion = view.questions.filter((q) => q.origin !== 'analysis');
  const header = ['Ref', 'Spørsmål', 'Område / krav', 'Status', 'Beslutning'];
  const widths = [8, 40, 14, 11, 27];
  const questions = (list: QuestionView[]) =>
    list.length
      ? table(header, questionRows(list), widths, { cantSplit: false })
      : (paragraphs('', 'Ingen.')[0] as Paragraph);
  out.add(
    chapter('3 Prinsipielle spørsmål'),
    text(
      `${plural(view.questions.length, 'spørsmål', 'spørsmål')} må avklares for å gjennomføre forordningen i Norge: ` +
        `${analysis.length} reist i gapanalysen og ${discretion.length} punkter der forordningen lar Norge velge. ` +
        `${view.questions.filter((q) => q.status === 'decided').length} er avklart.`,
    ),
    heading(2, '3.1 Spørsmål fra gapanalysen'),
    questions(analysis),
    heading(2, '3.2 Nasjonale valg i forordningen'),
    questions(discretion),
  );
}

export function timelineChapter(out: Sink, view: AnalysisView) {
  out.add(
    chapter('4 Frister'),
    text(
      'Kravene som forfaller ved hver av forordningens frister (art. 105) og som ikke er godt dekket eller vurdert som ikke relevante i dag.',
    ),
  );
  const milestone = new Map(view.legal_milestones.map((m) => [m.date, m.title_nb]));
  let previous = '';
  DUE_DATES.forEach((date, i) => {
    const due = view.requirements.filter((r) => r.deadline !== null && r.deadline > previous && r.deadline <= date);
    const open = due.filter((r) => !isSettled(r.coverage));
    out.add(
      heading(2, `4.${i + 1} ${dateNb(date)}${milestone.get(date) ? ` – ${milestone.get(date)}` : ''}`),
      text(
        `${plural(due.length, 'krav', 'krav')} forfaller${previous ? ` etter ${dateNb(previous)} og` : ''} innen ${dateNb(date)}; ${open.length} av dem er ikke dekket.`,
      ),
    );
    if (open.length) out.add(deadlineTable(open));
    previous = date;
  });
  const later = view.requirements.filter((r) => r.deadline === null || r.deadline > previous);
  if (later.length) {
    out.add(heading(2, `4.${DUE_DATES.length + 1} Uten frist eller senere frist`), deadlineTable(later));
  }
}

function deadlineTable(list: RequirementView[]): Table {
  return table(
    ['Ref', 'Krav', 'Frist', 'Dekning', 'Arbeidsstatus'],
    list.map((r) => [
      { text: r.ref, bold: true },
      r.title,
      [dateNb(r.deadline), r.deadline_note ?? ''].filter(Boolean).join('\n'),
      label(COVERAGE_NB, r.coverage),
      label(WORK_STATUS_NB, r.work_status),
    ]),
    [9, 43, 20, 14, 14],
  );
}

const articleName = (number: string, kind: string) =>
  kind === 'annex' ? number.replace('Annex', 'Vedlegg') : `Art. ${number}`;

/** One row per article and requirement it is traced to, made as the table is read. */
function* traceRows(view: AnalysisView) {
  const byRef = new Map(view.requirements.map((r) => [r.ref, r]));
  for (const p of view.provisions) {
    for (const [i, ref] of p.requirement_refs.entries()) {
      const r = byRef.get(ref) as RequirementView;
      yield [
        i === 0 ? { text: articleName(p.number, p.kind), bold: true } : '',
        i === 0 ? p.title : '',
        { text: ref, bold: true },
        r.title,
        label(COVERAGE_NB, r.coverage),
      ];
    }
  }
}

export function appendixChapters(out: Sink, view: AnalysisView, changes?: Comparison) {
  const traced = view.provisions.filter((p) => p.requirement_refs.length > 0);
  const untraced = view.provisions.length - traced.length;
  out.add(
    chapter('Vedlegg A Sporbarhet: artikkel → krav → dekning'),
    text(
      `${plural(traced.length, 'artikkel', 'artikler')} i forordningen er sporet til minst ett nasjonalt krav; dekningen er kravets vurdering.`,
    ),
    table(
      ['Artikkel', 'Tittel', 'Krav', 'Kravtittel', 'Dekning'],
      { [Symbol.iterator]: () => traceRows(view) },
      [11, 29, 9, 37, 14],
    ),

    chapter('Vedlegg B Korrelasjonstabell'),
    text(
      `Hver artikkel og hvert vedlegg i forordningen med de nasjonale kravene${view.has_measures ? ' og tiltakene' : ''} som dekker den. ` +
        `${plural(untraced, 'bestemmelse', 'bestemmelser')} er ikke sporet til noe krav og er merket «Ikke sporet».`,
    ),
    table(
      ['Artikkel', 'Tittel', 'Område', 'Gjelder fra', 'Nasjonale krav', ...(view.has_measures ? ['Tiltak'] : [])],
      view.provisions.map((p) => [
        { text: articleName(p.number, p.kind), bold: true },
        p.title,
        p.area_code ?? '',
        dateNb(p.applies_from),
        p.requirement_refs.length ? p.requirement_refs.join(', ') : { text: 'Ikke sporet', fill: 'FEF3F2', bold: true },
        ...(view.has_measures ? [p.measures.join('\n')] : []),
      ]),
      view.has_measures ? [10, 25, 10, 12, 14, 29] : [11, 38, 10, 14, 27],
    ),

    chapter('Vedlegg C Forankringsmøter'),
    text(`${plural(view.meetings.length, 'møte', 'møter')} der gapanalysen er lagt fram og drøftet.`),
    table(
      ['Dato', 'Møte', 'Forum', 'Organisasjoner', 'Områder'],
      view.meetings.map((m) => [
        dateNb(m.date),
        m.title,
        m.forum ?? '',
        m.organisations.join(', '),
        m.areas.join(', '),
      ]),
      [12, 26, 24, 28, 10],
    ),
    chapter('Vedlegg D Endringer siden forrige versjon'),
  );
  if (!changes) {
    out.add(...paragraphs('', 'Ingen tidligere versjon er frosset, så det er ingen endringsliste ennå.'));
    return;
  }
  const rows = changeRows(changes);
  out.add({
    runs: [
      ...runs(`${changesTitle(changes)}: ${plural(rows.length, 'endring', 'endringer')}. `),
      {
        text: `${changes.coverage_changed.length} krav har endret dekning, ${changes.requirements_added.length} nye og ${changes.requirements_removed.length} fjernede krav, ${changes.questions_decided.length} spørsmål avklart, ${changes.inputs_added.length} nye innspill.`,
      },
    ],
  });
  if (rows.length === 0) {
    out.add(...paragraphs('', `Ingen endringer siden ${sideLabel(changes.from)}.`));
    return;
  }
  // The area is left out here: the ref says it, and the columns need the width.
  out.add(
    table(
      ['Endring', 'Ref', 'Tittel', 'Felt', 'Fra', 'Til'],
      {
        *[Symbol.iterator]() {
          for (const [kind, ref, , title, field, from, to] of rows) {
            yield [kind ?? '', ref ?? '', title ?? '', field ?? '', clip(from ?? ''), clip(to ?? '')];
          }
        },
      },
      [13, 8, 17, 16, 23, 23],
      { cantSplit: false },
    ),
  );
  if (changes.coverage_changed.length) {
    out.add(heading(2, 'Endret dekning'));
    for (const c of changes.coverage_changed) {
      out.add(
        bullet([
          { text: `${c.ref} `, bold: true },
          ...runs(c.title),
          { text: `: ${label(COVERAGE_NB, c.from)} → ${label(COVERAGE_NB, c.to)}`, color: MUTED },
        ]),
      );
    }
  }
}

/** Long texts (a whole situation description) are cut in the change table; the CSV has them whole. */
const clip = (text: string) => (text.length > 400 ? `${text.slice(0, 397)}…` : text);
