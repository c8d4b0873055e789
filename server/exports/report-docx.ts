/**
 * The konsekvensvurdering report «EHDS konsekvensvurdering – gapanalyse» as DOCX: title page with
 * version and date, table of contents, summary with the coverage table and chart, the gap analysis
 * per area and requirement, the principle questions, the deadline timeline and the appendices.
 * Built from an AnalysisView, so a version and now give the same report.
 */
import { COVERAGE } from '../../schema/types.ts';
import type { AnalysisView, AreaView, RequirementView } from './analysis.ts';
import type { Comparison } from './changes.ts';
import { coverageChartPng } from './chart-png.ts';
import {
  bullet,
  caption,
  chapter,
  clean,
  fieldLabel,
  heading,
  labelled,
  MUTED,
  PAGE,
  PRIMARY,
  paragraphs,
  runs,
  sourceLine,
  spacer,
  styles,
  TEXT_WIDTH,
  table,
  text,
} from './docx-kit.ts';
import { imageRel, writeDocx } from './docx-package.ts';
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
import { PageEstimate } from './page-estimate.ts';
import { appendixChapters, questionChapter, timelineChapter } from './report-docx-chapters.ts';
import {
  type Block,
  HeadingList,
  type InlineImage,
  type Paragraph,
  type Run,
  type Sink,
  type Table,
  type TocEntry,
} from './wordml.ts';

export interface ReportOptions {
  /** The change list since the previous version, when there is one. */
  changes?: Comparison;
}

const coverageText = (r: RequirementView) => label(COVERAGE_NB, r.coverage);
const dimensionsText = (r: RequirementView) => r.gap_dimensions.map((d) => label(GAP_DIMENSION_NB, d)).join(', ');
export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function titlePage(out: Sink, view: AnalysisView) {
  const v = versionLine(view);
  const note = view.source.kind === 'version' ? view.source.note : '';
  out.add(
    spacer(1800),
    { runs: [{ text: 'HELSEDIREKTORATET', bold: true, color: MUTED, size: 22 }] },
    text(REPORT_TITLE, { style: 'Title' }),
    text('Gapanalyse av forordning (EU) 2025/327 om det europeiske helsedataområdet (EHDS) for Norge', {
      style: 'Undertittel',
    }),
    { before: 480, after: 60, runs: [{ text: v.version, bold: true, size: 32, color: PRIMARY }] },
    { after: 60, runs: [{ text: `Dato: ${v.date}`, size: 26 }] },
    { runs: [{ text: v.detail, color: MUTED }] },
    ...(note ? paragraphs(note) : []),
    spacer(2400),
    {
      runs: [
        {
          text: 'Generert fra ehds-gap. Etter redigering i Word oppdateres innholdsfortegnelsen med høyreklikk › Oppdater felt (F9).',
          size: 18,
          color: MUTED,
        },
      ],
    },
  );
}

function contents(out: Sink, toc: TocEntry[]) {
  out.add(
    { pageBreakBefore: true, after: 240, runs: [{ text: 'Innhold', bold: true, size: 34, color: PRIMARY }] },
    { toc, title: 'Innhold', tabPos: TEXT_WIDTH },
  );
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

/** The coverage chart, 600 px wide in the document (drawn at print resolution). */
function coverageChart(view: AnalysisView): { png: Buffer; image: InlineImage } {
  const chart = coverageChartPng(view.areas.map((a) => ({ label: `${a.code} ${a.short_name}`, counts: a.coverage })));
  const widthPx = 600;
  const emu = 9525;
  return {
    png: chart.png,
    image: {
      rel: imageRel(0),
      width: widthPx * emu,
      height: Math.round((widthPx * chart.height) / chart.width) * emu,
      name: 'Dekning per område',
      title: 'Dekning per område',
      description: view.areas
        .map((a) => `${a.code}: ${COVERAGE.map((c) => `${a.coverage[c]} ${COVERAGE_NB[c].toLowerCase()}`).join(', ')}`)
        .join('; '),
    },
  };
}

function summary(out: Sink, view: AnalysisView, chart: InlineImage) {
  const total = view.requirements.length;
  const t = view.coverage_total;
  const analysisQuestions = view.questions.filter((q) => q.origin === 'analysis');
  const decided = view.questions.filter((q) => q.status === 'decided').length;
  const pending = view.inputs.filter((i) => i.disposition === 'pending').length;
  out.add(
    chapter('1 Sammendrag'),
    text(
      `Gapanalysen omfatter ${plural(total, 'krav', 'krav')} fra forordning (EU) 2025/327 fordelt på fem områder. ` +
        `${t.covered} er godt dekket, ${t.partially_covered} delvis dekket og ${t.not_covered} ikke dekket i dag; ` +
        `${t.not_applicable} er vurdert som ${t.not_applicable === 1 ? 'ikke relevant' : 'ikke relevante'} og ${t.not_assessed} er ennå ikke vurdert.`,
    ),
    caption('Tabell 1 Antall krav per område og dekningsgrad'),
    coverageTable(view),
    spacer(200),
    { align: 'center', keepNext: true, runs: [], image: chart },
    caption('Figur 1 Dekning per område (antall krav)'),
    heading(2, 'Nøkkeltall'),
    bullet(
      runs(
        `${plural(view.questions.length, 'prinsipielt spørsmål', 'prinsipielle spørsmål')}, ${decided} avklart (${analysisQuestions.length} fra gapanalysen, ${view.questions.length - analysisQuestions.length} nasjonale valg i forordningen).`,
      ),
    ),
    bullet(runs(`${plural(view.inputs.length, 'innspill', 'innspill')} fra interessenter, ${pending} til behandling.`)),
    bullet(runs(`${plural(view.meetings.length, 'forankringsmøte', 'forankringsmøter')} (vedlegg C).`)),
    ...(view.has_measures ? measureFigures(view) : []),
  );
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

function requirementSection(view: AnalysisView, r: RequirementView): Block[] {
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
  const out: Block[] = [heading(3, `${r.ref} ${r.title}`), labelled(facts), labelled(more)];
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
      const children: Run[] = [
        { text: `${q.ref} `, bold: true },
        ...runs(q.text),
        { text: ` – ${label(QUESTION_STATUS_NB, q.status)}`, italics: true, color: MUTED },
      ];
      if (q.decision) children.push({ text: 'Beslutning: ', bold: true, break: true }, ...runs(q.decision));
      out.push(bullet(children));
    }
  }
  if (r.inputs.length) {
    out.push(fieldLabel('Innspill'), text(inputSummary(r)));
    for (const i of r.inputs) {
      const from = [i.organisation, label(INPUT_TYPE_NB, i.type)].filter(Boolean).join(', ');
      const disposition = label(DISPOSITION_NB, i.disposition);
      out.push(
        bullet([
          ...runs(`«${clean(i.text)}»`),
          { text: ` (${from})`, color: MUTED },
          { text: ` – ${disposition}${i.disposition_reason ? `: ${clean(i.disposition_reason)}` : ''}`, italics: true },
        ]),
      );
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
          { text: ` (${label(MEASURE_STATUS_NB, m.status)}${end})`, color: MUTED },
          { text: timing, color: 'B42318', bold: true },
          ...(link?.link_note ? [{ text: clean(link.link_note), italics: true, color: MUTED, break: true }] : []),
        ]),
      );
    }
    if (r.at_risk) {
      out.push({
        runs: [
          {
            text: 'Kravet er i risiko: ikke dekket, og ingen tiltak blir ferdig innen fristen.',
            bold: true,
            color: 'B42318',
          },
        ],
      });
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

/** Chapter 2, written requirement by requirement. */
function areaChapters(out: Sink, view: AnalysisView) {
  out.add(
    chapter('2 Gapanalyse per område'),
    text(
      'For hvert område vises kravene i en tabell, deretter for hvert krav dagens situasjon, gapet, de prinsipielle spørsmålene og innspillene fra interessentene med behandling.',
    ),
  );
  view.areas.forEach((area, i) => {
    const c = area.coverage;
    out.add(
      heading(2, `2.${i + 1} ${area.code} ${area.name}`),
      text(
        `${area.articles_label ? `${area.articles_label}. ` : ''}${plural(area.requirements.length, 'krav', 'krav')}: ` +
          `${c.covered} godt dekket, ${c.partially_covered} delvis dekket, ${c.not_covered} ikke dekket, ` +
          `${c.not_applicable} ikke relevant, ${c.not_assessed} ikke vurdert.`,
      ),
    );
    if (area.requirements.length === 0) {
      out.add(...paragraphs('', 'Ingen krav er registrert for området.'));
      return;
    }
    out.add(caption(`Tabell 2.${i + 1} Krav i ${area.code} ${area.short_name}`), requirementTable(area));
    for (const r of area.requirements) out.add(...requirementSection(view, r));
  });
}

/** «… · side X av Y» at the right; `pages` is shown for Y until the reader counts the pages itself. */
function footer(view: AnalysisView, pages?: number): Paragraph {
  const v = versionLine(view);
  const style = { size: 16, color: MUTED };
  return {
    align: 'right',
    runs: [
      { text: `${REPORT_TITLE} · ${v.version} · ${v.date} · side `, ...style },
      { text: '', field: 'PAGE', ...style },
      { text: ' av ', ...style },
      { text: pages === undefined ? '' : String(pages), field: 'NUMPAGES', ...style },
    ],
  };
}

/** The whole report, chapter by chapter, into `out`; `toc` is what the table of contents shows. */
function writeReport(out: Sink, view: AnalysisView, options: ReportOptions, toc: TocEntry[], chart: InlineImage) {
  titlePage(out, view);
  contents(out, toc);
  summary(out, view, chart);
  areaChapters(out, view);
  questionChapter(out, view);
  timelineChapter(out, view);
  appendixChapters(out, view, options.changes);
}

/**
 * Above this many requirements and input lines the table of contents gets no page numbers: a long report asks
 * Word to update the field when it is opened, since an estimate drifts over thousands of pages.
 */
export const PAGE_NUMBER_BUDGET = 1000;

/** Requirement sections plus input bullets: what the report's length grows with. */
export const reportSize = (view: AnalysisView) => view.requirements.reduce((n, r) => n + 1 + r.inputs.length, 0);

/**
 * The entries of the table of contents: for a small report with page numbers from an estimate of the layout
 * (and the number of pages), for a long one without.
 */
function contentsEntries(view: AnalysisView, options: ReportOptions, chart: InlineImage) {
  if (reportSize(view) > PAGE_NUMBER_BUDGET) {
    const headings = new HeadingList();
    writeReport(headings, view, options, [], chart);
    return { toc: headings.entries, pages: undefined };
  }
  // Twice: the first pass finds the headings, the second lays them out with the table of contents filled in.
  let toc: TocEntry[] = [];
  let pages = 0;
  for (let pass = 0; pass < 2; pass++) {
    const estimate = new PageEstimate(styles, PAGE);
    writeReport(estimate, view, options, toc, chart);
    toc = estimate.entries;
    pages = estimate.page;
  }
  return { toc, pages };
}

export async function buildReportDocx(view: AnalysisView, options: ReportOptions = {}): Promise<Buffer> {
  const v = versionLine(view);
  const chart = coverageChart(view);
  const { toc, pages } = contentsEntries(view, options, chart.image);
  return writeDocx(
    {
      title: REPORT_TITLE,
      subject: `${v.version}, ${v.date}`,
      creator: 'ehds-gap',
      description: 'Gapanalyse av forordning (EU) 2025/327 (EHDS) for Norge',
      styles,
      page: PAGE,
      footer: footer(view, pages),
      titlePage: true,
      images: [chart.png],
      // A long report's page numbers are left to Word, which fills them in when it opens the document.
      updateFields: pages === undefined,
    },
    (out) => writeReport(out, view, options, toc, chart.image),
  );
}
