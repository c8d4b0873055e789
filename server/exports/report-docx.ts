/**
 * The konsekvensvurdering report «EHDS konsekvensvurdering – gapanalyse» as DOCX: title page with
 * version and date, table of contents, summary with the coverage table and chart, the gap analysis
 * per area and requirement, the principle questions, the deadline timeline and the appendices.
 * Built from an AnalysisView, so a version and now give the same report.
 */
import {
  AlignmentType,
  Document,
  Footer,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  type Table,
  TableOfContents,
  TextRun,
} from 'docx';
import { estimatePageNumbers } from 'docx/layout';
import { COVERAGE } from '../../schema/types.ts';
import type { AnalysisView, AreaView, RequirementView } from './analysis.ts';
import type { Comparison } from './changes.ts';
import { coverageChartPng } from './chart-png.ts';
import {
  bullet,
  chapter,
  clean,
  externalStyles,
  fieldLabel,
  labelled,
  MUTED,
  PRIMARY,
  pageProperties,
  paragraphs,
  runs,
  sourceLine,
  spacer,
  styles,
  table,
} from './docx-kit.ts';
import {
  CATEGORY_NB,
  COVERAGE_NB,
  DISPOSITION_NB,
  dateNb,
  GAP_DIMENSION_NB,
  INPUT_TYPE_NB,
  label,
  MEASURE_STATUS_NB,
  QUESTION_STATUS_NB,
  REPORT_TITLE,
  versionLine,
  WORK_STATUS_NB,
} from './labels.ts';
import { appendixChapters, questionChapter, timelineChapter } from './report-docx-chapters.ts';

export interface ReportOptions {
  /** The change list since the previous version, when there is one. */
  changes?: Comparison;
}

const coverageText = (r: RequirementView) => label(COVERAGE_NB, r.coverage);
const dimensionsText = (r: RequirementView) => r.gap_dimensions.map((d) => label(GAP_DIMENSION_NB, d)).join(', ');
export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function titlePage(view: AnalysisView): Paragraph[] {
  const v = versionLine(view);
  const note = view.source.kind === 'version' ? view.source.note : '';
  return [
    spacer(1800),
    new Paragraph({ children: [new TextRun({ text: 'HELSEDIREKTORATET', bold: true, color: MUTED, size: 22 })] }),
    new Paragraph({ style: 'Title', children: runs(REPORT_TITLE) }),
    new Paragraph({
      style: 'Undertittel',
      text: 'Gapanalyse av forordning (EU) 2025/327 om det europeiske helsedataområdet (EHDS) for Norge',
    }),
    new Paragraph({
      spacing: { before: 480, after: 60 },
      children: [new TextRun({ text: v.version, bold: true, size: 32, color: PRIMARY })],
    }),
    new Paragraph({ children: [new TextRun({ text: `Dato: ${v.date}`, size: 26 })], spacing: { after: 60 } }),
    new Paragraph({ children: [new TextRun({ text: v.detail, color: MUTED })] }),
    ...(note ? paragraphs(note) : []),
    spacer(2400),
    new Paragraph({
      children: [
        new TextRun({
          text: 'Generert fra ehds-gap. Etter redigering i Word oppdateres innholdsfortegnelsen med høyreklikk › Oppdater felt (F9).',
          size: 18,
          color: MUTED,
        }),
      ],
    }),
  ];
}

function contents(): (Paragraph | TableOfContents)[] {
  return [
    new Paragraph({
      pageBreakBefore: true,
      spacing: { after: 240 },
      children: [new TextRun({ text: 'Innhold', bold: true, size: 34, color: PRIMARY })],
    }),
    new TableOfContents('Innhold', { hyperlink: true, headingStyleRange: '1-2' }),
  ];
}

/** Counts per area × coverage: the table the summary shows and the tests check against the database. */
export function coverageTable(view: AnalysisView): Table {
  const header = ['Område', ...COVERAGE.map((c) => COVERAGE_NB[c]), 'Sum'];
  const rows = view.areas.map((a) => [
    `${a.code} ${a.short_name}`,
    ...COVERAGE.map((c) => String(a.coverage[c])),
    String(a.requirements.length),
  ]);
  const total = [
    { text: 'Sum', bold: true },
    ...COVERAGE.map((c) => ({ text: String(view.coverage_total[c]), bold: true })),
    { text: String(view.requirements.length), bold: true },
  ];
  return table(header, [...rows, total], [24, 13, 13, 12, 13, 13, 8]);
}

function summary(view: AnalysisView): (Paragraph | Table)[] {
  const total = view.requirements.length;
  const t = view.coverage_total;
  const chart = coverageChartPng(view.areas.map((a) => ({ label: `${a.code} ${a.short_name}`, counts: a.coverage })));
  const widthPx = 600;
  const analysisQuestions = view.questions.filter((q) => q.origin === 'analysis');
  const decided = view.questions.filter((q) => q.status === 'decided').length;
  const pending = view.inputs.filter((i) => i.disposition === 'pending').length;
  return [
    chapter('1 Sammendrag'),
    new Paragraph({
      children: runs(
        `Gapanalysen omfatter ${plural(total, 'krav', 'krav')} fra forordning (EU) 2025/327 fordelt på fem områder. ` +
          `${t.covered} er godt dekket, ${t.partially_covered} delvis dekket og ${t.not_covered} ikke dekket i dag; ` +
          `${t.not_applicable} er vurdert som ${t.not_applicable === 1 ? 'ikke relevant' : 'ikke relevante'} og ${t.not_assessed} er ennå ikke vurdert.`,
      ),
    }),
    new Paragraph({ style: 'Caption', text: 'Tabell 1 Antall krav per område og dekningsgrad' }),
    coverageTable(view),
    spacer(200),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      children: [
        new ImageRun({
          type: 'png',
          data: chart.png,
          transformation: { width: widthPx, height: Math.round((widthPx * chart.height) / chart.width) },
          altText: {
            name: 'Dekning per område',
            title: 'Dekning per område',
            description: view.areas
              .map(
                (a) =>
                  `${a.code}: ${COVERAGE.map((c) => `${a.coverage[c]} ${COVERAGE_NB[c].toLowerCase()}`).join(', ')}`,
              )
              .join('; '),
          },
        }),
      ],
    }),
    new Paragraph({ style: 'Caption', text: 'Figur 1 Dekning per område (antall krav)' }),
    new Paragraph({ heading: 'Heading2', text: 'Nøkkeltall' }),
    bullet(
      runs(
        `${plural(view.questions.length, 'prinsipielt spørsmål', 'prinsipielle spørsmål')}, ${decided} avklart (${analysisQuestions.length} fra gapanalysen, ${view.questions.length - analysisQuestions.length} nasjonale valg i forordningen).`,
      ),
    ),
    bullet(runs(`${plural(view.inputs.length, 'innspill', 'innspill')} fra interessenter, ${pending} til behandling.`)),
    bullet(runs(`${plural(view.meetings.length, 'forankringsmøte', 'forankringsmøter')} (vedlegg C).`)),
    ...(view.has_measures ? measureFigures(view) : []),
  ];
}

function measureFigures(view: AnalysisView): Paragraph[] {
  const linked = view.measures.filter((m) => m.requirements.length > 0).length;
  const atRisk = view.requirements.filter((r) => r.at_risk).length;
  return [
    bullet(runs(`${plural(view.measures.length, 'tiltak', 'tiltak')} registrert, ${linked} av dem knyttet til krav.`)),
    bullet(runs(`${plural(atRisk, 'krav', 'krav')} i risiko: ikke dekket, og ingen tiltak blir ferdig innen fristen.`)),
  ];
}

function requirementTable(area: AreaView): Table {
  return table(
    ['Ref', 'Krav', 'Artikler', 'Frist', 'Dekning', 'Gapdimensjoner'],
    area.requirements.map((r) => [
      { text: r.ref, bold: true },
      r.title,
      r.articles.join(', '),
      dateNb(r.deadline),
      coverageText(r),
      dimensionsText(r),
    ]),
    [9, 36, 13, 12, 14, 16],
  );
}

function requirementSection(view: AnalysisView, r: RequirementView): (Paragraph | Table)[] {
  const facts: [string, string][] = [
    ['Dekning', coverageText(r)],
    ['Arbeidsstatus', label(WORK_STATUS_NB, r.work_status)],
    ['Frist', `${dateNb(r.deadline) || 'ingen'}${r.deadline_note ? ` (${r.deadline_note})` : ''}`],
  ];
  const more: [string, string][] = [
    ['Artikler', r.articles.join(', ')],
    ['Gapdimensjoner', dimensionsText(r)],
  ];
  if (r.categories.length) more.push(['Kategorier', r.categories.map((c) => label(CATEGORY_NB, c)).join(', ')]);
  const out: (Paragraph | Table)[] = [
    new Paragraph({ heading: 'Heading3', children: runs(`${r.ref} ${r.title}`) }),
    labelled(facts),
    labelled(more),
  ];
  if (r.responsible_organisation || r.reference_groups.length) {
    out.push(
      labelled([
        ['Ansvarlig', r.responsible_organisation ?? ''],
        ['Referansegrupper', r.reference_groups.join(', ')],
      ]),
    );
  }
  out.push(...paragraphs(r.description, ''));
  out.push(fieldLabel('Dagens situasjon'), ...paragraphs(r.situation));
  out.push(fieldLabel('Gap'), ...paragraphs(r.gap));
  if (r.coverage === 'not_applicable' || r.justification) {
    out.push(fieldLabel('Begrunnelse'), ...paragraphs(r.justification));
  }
  if (r.questions.length) {
    out.push(fieldLabel('Prinsipielle spørsmål'));
    for (const q of r.questions) {
      const children = [
        new TextRun({ text: `${q.ref} `, bold: true }),
        ...runs(q.text),
        new TextRun({ text: ` – ${label(QUESTION_STATUS_NB, q.status)}`, italics: true, color: MUTED }),
      ];
      if (q.decision) children.push(new TextRun({ text: 'Beslutning: ', bold: true, break: 1 }), ...runs(q.decision));
      out.push(bullet(children));
    }
  }
  if (r.inputs.length) {
    out.push(fieldLabel('Innspill'), new Paragraph({ children: runs(inputSummary(r)) }));
    for (const i of r.inputs) {
      const from = [i.organisation, label(INPUT_TYPE_NB, i.type)].filter(Boolean).join(', ');
      const children = [...runs(`«${clean(i.text)}»`), new TextRun({ text: ` (${from})`, color: MUTED })];
      const disposition = label(DISPOSITION_NB, i.disposition);
      children.push(
        new TextRun({
          text: ` – ${disposition}${i.disposition_reason ? `: ${clean(i.disposition_reason)}` : ''}`,
          italics: true,
        }),
      );
      out.push(bullet(children));
    }
  }
  if (view.has_measures) {
    out.push(fieldLabel('Tiltak'));
    if (r.measures.length === 0) out.push(...paragraphs('', 'Ingen tiltak er knyttet til kravet.'));
    for (const m of r.measures) {
      const link = m.requirements.find((l) => l.ref === r.ref);
      const end = m.planned_end ? `, planlagt ferdig ${dateNb(m.planned_end)}` : ', uten sluttdato';
      const timing = link?.in_time ? '' : ' – ikke i tide til fristen';
      out.push(
        bullet([
          ...runs(m.title),
          new TextRun({ text: ` (${label(MEASURE_STATUS_NB, m.status)}${end})`, color: MUTED }),
          new TextRun({ text: timing, color: 'B42318', bold: true }),
          ...(link?.link_note
            ? [new TextRun({ text: clean(link.link_note), italics: true, color: MUTED, break: 1 })]
            : []),
        ]),
      );
    }
    if (r.at_risk) {
      out.push(
        new Paragraph({
          children: [
            new TextRun({
              text: 'Kravet er i risiko: ikke dekket, og ingen tiltak blir ferdig innen fristen.',
              bold: true,
              color: 'B42318',
            }),
          ],
        }),
      );
    }
  }
  out.push(sourceLine(r.source));
  return out;
}

/** «3 innspill: 2 til behandling, 1 tatt til følge.» */
function inputSummary(r: RequirementView): string {
  const counts = new Map<string, number>();
  for (const i of r.inputs) counts.set(i.disposition, (counts.get(i.disposition) ?? 0) + 1);
  const parts = [...counts].map(([d, n]) => `${n} ${label(DISPOSITION_NB, d).toLowerCase()}`);
  return `${plural(r.inputs.length, 'innspill', 'innspill')}: ${parts.join(', ')}.`;
}

function areaChapters(view: AnalysisView): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    chapter('2 Gapanalyse per område'),
    new Paragraph({
      children: runs(
        'For hvert område vises kravene i en tabell, deretter for hvert krav dagens situasjon, gapet, de prinsipielle spørsmålene og innspillene fra interessentene med behandling.',
      ),
    }),
  ];
  view.areas.forEach((area, i) => {
    const c = area.coverage;
    out.push(
      new Paragraph({ heading: 'Heading2', children: runs(`2.${i + 1} ${area.code} ${area.name}`) }),
      new Paragraph({
        children: runs(
          `${area.articles_label ? `${area.articles_label}. ` : ''}${plural(area.requirements.length, 'krav', 'krav')}: ` +
            `${c.covered} godt dekket, ${c.partially_covered} delvis dekket, ${c.not_covered} ikke dekket, ` +
            `${c.not_applicable} ikke relevant, ${c.not_assessed} ikke vurdert.`,
        ),
      }),
    );
    if (area.requirements.length === 0) {
      out.push(...paragraphs('', 'Ingen krav er registrert for området.'));
      return;
    }
    out.push(
      new Paragraph({ style: 'Caption', children: runs(`Tabell 2.${i + 1} Krav i ${area.code} ${area.short_name}`) }),
      requirementTable(area),
    );
    for (const r of area.requirements) out.push(...requirementSection(view, r));
  });
  return out;
}

function footer(view: AnalysisView): Footer {
  const v = versionLine(view);
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          new TextRun({ text: `${REPORT_TITLE} · ${v.version} · ${v.date} · side `, size: 16, color: MUTED }),
          new TextRun({ children: [PageNumber.CURRENT], size: 16, color: MUTED }),
          new TextRun({ text: ' av ', size: 16, color: MUTED }),
          new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16, color: MUTED }),
        ],
      }),
    ],
  });
}

/**
 * Laying the pages out to number the table of contents costs about a millisecond per line of the report, and
 * several passes: seconds for today's analysis, many minutes for thousands of requirements with their input.
 * Above this many requirements and input lines the numbers are left to Word, which updates the table of
 * contents when the document is opened.
 */
export const PAGE_NUMBER_BUDGET = 1000;

/** Requirement sections plus input bullets: what the report's length grows with. */
export const reportSize = (view: AnalysisView) => view.requirements.reduce((n, r) => n + 1 + r.inputs.length, 0);

export async function buildReportDocx(view: AnalysisView, options: ReportOptions = {}): Promise<Buffer> {
  const v = versionLine(view);
  const numberPages = reportSize(view) <= PAGE_NUMBER_BUDGET;
  const doc = new Document({
    title: REPORT_TITLE,
    subject: `${v.version}, ${v.date}`,
    creator: 'ehds-gap',
    description: 'Gapanalyse av forordning (EU) 2025/327 (EHDS) for Norge',
    styles,
    externalStyles,
    // Page numbers of the table of contents worked out now, so it is complete before Word updates it;
    // a long report asks Word to fill them in on opening instead.
    ...(numberPages ? { pageNumbers: estimatePageNumbers } : { features: { updateFields: true } }),
    sections: [
      {
        properties: { ...pageProperties, titlePage: true },
        footers: { default: footer(view), first: new Footer({ children: [new Paragraph({})] }) },
        children: [
          ...titlePage(view),
          ...contents(),
          ...summary(view),
          ...areaChapters(view),
          ...questionChapter(view),
          ...timelineChapter(view),
          ...appendixChapters(view, options.changes),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
