/**
 * The report's later chapters: all principle questions, the deadline timeline, and the appendices
 * (traceability, correlation table, engagement meetings, changes since the previous version).
 */
import { Paragraph, type Table, TextRun } from 'docx';
import type { Coverage } from '../../schema/types.ts';
import { DUE_DATES } from '../queries/dashboard.ts';
import type { AnalysisView, QuestionView, RequirementView } from './analysis.ts';
import { type Comparison, changeRows, changesTitle, sideLabel } from './changes.ts';
import { bullet, chapter, MUTED, paragraphs, runs, table } from './docx-kit.ts';
import { COVERAGE_NB, dateNb, label, QUESTION_STATUS_NB, WORK_STATUS_NB } from './labels.ts';

type Block = Paragraph | Table;

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

export function questionChapter(view: AnalysisView): Block[] {
  const analysis = view.questions.filter((q) => q.origin === 'analysis');
  const discretion = view.questions.filter((q) => q.origin !== 'analysis');
  const header = ['Ref', 'Spørsmål', 'Område / krav', 'Status', 'Beslutning'];
  const widths = [8, 40, 14, 11, 27];
  const out: Block[] = [
    chapter('3 Prinsipielle spørsmål'),
    new Paragraph({
      children: runs(
        `${plural(view.questions.length, 'spørsmål', 'spørsmål')} må avklares for å gjennomføre forordningen i Norge: ` +
          `${analysis.length} reist i gapanalysen og ${discretion.length} punkter der forordningen lar Norge velge. ` +
          `${view.questions.filter((q) => q.status === 'decided').length} er avklart.`,
      ),
    }),
    new Paragraph({ heading: 'Heading2', text: '3.1 Spørsmål fra gapanalysen' }),
  ];
  out.push(
    analysis.length
      ? table(header, questionRows(analysis), widths, { cantSplit: false })
      : (paragraphs('', 'Ingen.')[0] as Paragraph),
  );
  out.push(new Paragraph({ heading: 'Heading2', text: '3.2 Nasjonale valg i forordningen' }));
  out.push(
    discretion.length
      ? table(header, questionRows(discretion), widths, { cantSplit: false })
      : (paragraphs('', 'Ingen.')[0] as Paragraph),
  );
  return out;
}

export function timelineChapter(view: AnalysisView): Block[] {
  const out: Block[] = [
    chapter('4 Frister'),
    new Paragraph({
      children: runs(
        'Kravene som forfaller ved hver av forordningens frister (art. 105) og som ikke er godt dekket eller vurdert som ikke relevante i dag.',
      ),
    }),
  ];
  const milestone = new Map(view.legal_milestones.map((m) => [m.date, m.title_nb]));
  let previous = '';
  DUE_DATES.forEach((date, i) => {
    const due = view.requirements.filter((r) => r.deadline !== null && r.deadline > previous && r.deadline <= date);
    const open = due.filter((r) => !isSettled(r.coverage));
    out.push(
      new Paragraph({
        heading: 'Heading2',
        children: runs(`4.${i + 1} ${dateNb(date)}${milestone.get(date) ? ` – ${milestone.get(date)}` : ''}`),
      }),
      new Paragraph({
        children: runs(
          `${plural(due.length, 'krav', 'krav')} forfaller${previous ? ` etter ${dateNb(previous)} og` : ''} innen ${dateNb(date)}; ${open.length} av dem er ikke dekket.`,
        ),
      }),
    );
    if (open.length) out.push(deadlineTable(open));
    previous = date;
  });
  const later = view.requirements.filter((r) => r.deadline === null || r.deadline > previous);
  if (later.length) {
    out.push(
      new Paragraph({ heading: 'Heading2', text: `4.${DUE_DATES.length + 1} Uten frist eller senere frist` }),
      deadlineTable(later),
    );
  }
  return out;
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

export function appendixChapters(view: AnalysisView, changes?: Comparison): Block[] {
  const byRef = new Map(view.requirements.map((r) => [r.ref, r]));
  const traced = view.provisions.filter((p) => p.requirement_refs.length > 0);
  const traceRows = traced.flatMap((p) =>
    p.requirement_refs.map((ref, i) => {
      const r = byRef.get(ref) as RequirementView;
      return [
        i === 0 ? { text: articleName(p.number, p.kind), bold: true } : '',
        i === 0 ? p.title : '',
        { text: ref, bold: true },
        r.title,
        label(COVERAGE_NB, r.coverage),
      ];
    }),
  );
  const untraced = view.provisions.length - traced.length;
  const out: Block[] = [
    chapter('Vedlegg A Sporbarhet: artikkel → krav → dekning'),
    new Paragraph({
      children: runs(
        `${plural(traced.length, 'artikkel', 'artikler')} i forordningen er sporet til minst ett nasjonalt krav; dekningen er kravets vurdering.`,
      ),
    }),
    table(['Artikkel', 'Tittel', 'Krav', 'Kravtittel', 'Dekning'], traceRows, [11, 29, 9, 37, 14]),

    chapter('Vedlegg B Korrelasjonstabell'),
    new Paragraph({
      children: runs(
        `Hver artikkel og hvert vedlegg i forordningen med de nasjonale kravene${view.has_measures ? ' og tiltakene' : ''} som dekker den. ` +
          `${plural(untraced, 'bestemmelse', 'bestemmelser')} er ikke sporet til noe krav og er merket «Ikke sporet».`,
      ),
    }),
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
    new Paragraph({
      children: runs(`${plural(view.meetings.length, 'møte', 'møter')} der gapanalysen er lagt fram og drøftet.`),
    }),
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
  ];
  if (!changes) {
    out.push(...paragraphs('', 'Ingen tidligere versjon er frosset, så det er ingen endringsliste ennå.'));
    return out;
  }
  const rows = changeRows(changes);
  out.push(
    new Paragraph({
      children: [
        ...runs(`${changesTitle(changes)}: ${plural(rows.length, 'endring', 'endringer')}. `),
        new TextRun({
          text: `${changes.coverage_changed.length} krav har endret dekning, ${changes.requirements_added.length} nye og ${changes.requirements_removed.length} fjernede krav, ${changes.questions_decided.length} spørsmål avklart, ${changes.inputs_added.length} nye innspill.`,
        }),
      ],
    }),
  );
  if (rows.length === 0) {
    out.push(...paragraphs('', `Ingen endringer siden ${sideLabel(changes.from)}.`));
    return out;
  }
  // The area is left out here: the ref says it, and the columns need the width.
  out.push(
    table(
      ['Endring', 'Ref', 'Tittel', 'Felt', 'Fra', 'Til'],
      rows.map(([kind, ref, , title, field, from, to]) => [
        kind ?? '',
        ref ?? '',
        title ?? '',
        field ?? '',
        clip(from ?? ''),
        clip(to ?? ''),
      ]),
      [13, 8, 17, 16, 23, 23],
      { cantSplit: false },
    ),
  );
  if (changes.coverage_changed.length) {
    out.push(new Paragraph({ heading: 'Heading2', text: 'Endret dekning' }));
    for (const c of changes.coverage_changed) {
      out.push(
        bullet([
          new TextRun({ text: `${c.ref} `, bold: true }),
          ...runs(c.title),
          new TextRun({ text: `: ${label(COVERAGE_NB, c.from)} → ${label(COVERAGE_NB, c.to)}`, color: MUTED }),
        ]),
      );
    }
  }
  return out;
}

/** Long texts (a whole situation description) are cut in the change table; the CSV has them whole. */
const clip = (text: string) => (text.length > 400 ? `${text.slice(0, 397)}…` : text);
