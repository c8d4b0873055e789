/**
 * The workbook (XLSX): «Om» (now or which version, date, counts), then Krav, Artikler, Sporbarhet,
 * Spørsmål, Innspill, Tiltak, Møter and, when there is a previous version, Endringer. Header rows are
 * styled, frozen and filtered; Krav has drop-down lists for coverage and work status. Text is always
 * written as a text cell: a cell that starts with = + - @ is never a formula.
 */
import type ExcelJS from 'exceljs';
import { COVERAGE, WORK_STATUS } from '../../schema/types.ts';
import type { AnalysisView } from './analysis.ts';
import { CHANGE_COLUMNS, type Comparison, changeRows, changesTitle } from './changes.ts';
import {
  CATEGORY_NB,
  COVERAGE_NB,
  DISPOSITION_NB,
  dateTimeNb,
  GAP_DIMENSION_NB,
  INPUT_TYPE_NB,
  label,
  MEASURE_STATUS_NB,
  QUESTION_STATUS_NB,
  REPORT_TITLE,
  versionLine,
  WORK_STATUS_NB,
} from './labels.ts';
import {
  addSheet,
  type Column,
  cellValue,
  collectingSink,
  dateValue,
  FONT,
  join,
  PAGE_SETUP,
  PRIMARY,
  rowsFrom,
  streamingWorkbook,
  type Value,
} from './xlsx-kit.ts';

type Writer = ExcelJS.stream.xlsx.WorkbookWriter;

function aboutSheet(wb: Writer, view: AnalysisView, changes?: Comparison) {
  const v = versionLine(view);
  const ws = wb.addWorksheet('Om', { pageSetup: { ...PAGE_SETUP, printTitlesRow: undefined } });
  ws.columns = [{ width: 34 }, { width: 90, style: { alignment: { wrapText: true, vertical: 'top' } } }];
  const title = ws.addRow([REPORT_TITLE]);
  title.font = { name: FONT, bold: true, size: 16, color: { argb: PRIMARY } };
  title.height = 24;
  const versionRow = ws.addRow([v.version]);
  versionRow.font = { name: FONT, bold: true, size: 13 };
  versionRow.height = 20;
  const rows: [string, Value][] = [
    [
      'Innhold',
      view.source.kind === 'version' ? `Frosset versjon ${view.source.name}` : 'Nå (arbeidsversjon, ikke frosset)',
    ],
    ['Dato', v.date],
    [view.source.kind === 'version' ? 'Frosset' : 'Uttrekk', v.detail.replace(/^Frosset |^Uttrekk fra ehds-gap /, '')],
  ];
  if (view.source.kind === 'version' && view.source.note) rows.push(['Merknad', view.source.note]);
  rows.push(['Eksportert', dateTimeNb(view.exported_at)], ['Skjemaversjon', view.schema_version], ['', '']);
  rows.push(['Krav', view.requirements.length]);
  for (const c of COVERAGE) rows.push([`  ${COVERAGE_NB[c]}`, view.coverage_total[c]]);
  rows.push(
    ['Prinsipielle spørsmål', view.questions.length],
    ['  Avklart', view.questions.filter((q) => q.status === 'decided').length],
    ['Innspill', view.inputs.length],
    ['  Til behandling', view.inputs.filter((i) => i.disposition === 'pending').length],
    ['Forankringsmøter', view.meetings.length],
    ['Tiltak', view.has_measures ? view.measures.length : 'ikke i denne versjonen'],
    ['Artikler og vedlegg', view.provisions.length],
  );
  if (changes) rows.push(['Endringer', `${changesTitle(changes)}: ${changes.total} (arket Endringer)`]);
  rows.push(
    ['', ''],
    ['Arkene', 'Krav, Artikler, Sporbarhet (artikkel → krav → dekning), Spørsmål, Innspill, Tiltak, Møter'],
    ['Merk', 'Tekst er lagret som tekst: en celle som begynner med = + - @ er aldri en formel.'],
  );
  for (const [name, value] of rows) {
    const row = ws.addRow([name, cellValue(value)]);
    row.getCell(1).font = { name: FONT, size: 11, bold: !name.startsWith('  ') };
    row.getCell(2).alignment = { horizontal: 'left', wrapText: true, vertical: 'top' };
  }
  ws.commit();
}

function requirementSheet(wb: Writer, view: AnalysisView) {
  const columns: Column[] = [
    { header: 'Ref', width: 9 },
    { header: 'Område', width: 8 },
    { header: 'Gruppe', width: 22, wrap: true },
    { header: 'Tittel', width: 36, wrap: true },
    { header: 'Beskrivelse', width: 50, wrap: true },
    { header: 'Artikler', width: 14 },
    { header: 'Kategorier', width: 22, wrap: true },
    { header: 'Frist', width: 12, date: true },
    { header: 'Fristmerknad', width: 22, wrap: true },
    { header: 'Dekning', width: 15 },
    { header: 'Arbeidsstatus', width: 15 },
    { header: 'Gapdimensjoner', width: 22, wrap: true },
    { header: 'Dagens situasjon', width: 60, wrap: true },
    { header: 'Gap', width: 60, wrap: true },
    { header: 'Begrunnelse', width: 40, wrap: true },
    { header: 'Ansvarlig', width: 18 },
    { header: 'Referansegrupper', width: 24, wrap: true },
    { header: 'Prinsipielle spørsmål', width: 18, wrap: true },
    { header: 'Innspill', width: 9 },
    ...(view.has_measures
      ? [
          { header: 'Tiltak', width: 30, wrap: true },
          { header: 'I risiko', width: 9 },
        ]
      : []),
    { header: 'Nasjonalt valg', width: 10 },
    { header: 'Kilde', width: 40, wrap: true },
  ];
  const rows = rowsFrom(view.requirements, (r) => [
    r.ref,
    r.area_code,
    r.group_name ?? '',
    r.title,
    r.description,
    r.articles.join('; '),
    join(r.categories.map((c) => label(CATEGORY_NB, c))),
    dateValue(r.deadline),
    r.deadline_note ?? '',
    label(COVERAGE_NB, r.coverage),
    label(WORK_STATUS_NB, r.work_status),
    join(r.gap_dimensions.map((d) => label(GAP_DIMENSION_NB, d))),
    r.situation,
    r.gap,
    r.justification,
    r.responsible_organisation ?? '',
    join(r.reference_groups),
    join(r.questions.map((q) => q.ref)),
    r.inputs.length,
    ...(view.has_measures ? [join(r.measures.map((m) => m.title)), r.at_risk ? 'Ja' : 'Nei'] : []),
    r.national_choice ? 'Ja' : 'Nei',
    r.source,
  ]);
  return addSheet(wb, 'Krav', columns, rows, [
    { column: 10, values: COVERAGE.map((c) => COVERAGE_NB[c]), title: 'Dekning' },
    { column: 11, values: WORK_STATUS.map((s) => WORK_STATUS_NB[s]), title: 'Arbeidsstatus' },
  ]);
}

async function articleSheets(wb: Writer, view: AnalysisView) {
  await addSheet(
    wb,
    'Artikler',
    [
      { header: 'Artikkel', width: 11 },
      { header: 'Tittel', width: 50, wrap: true },
      { header: 'Kapittel', width: 9 },
      { header: 'Kapitteltittel', width: 30, wrap: true },
      { header: 'Område', width: 8 },
      { header: 'Gjelder fra', width: 12, date: true },
      { header: 'Krav', width: 24, wrap: true },
      { header: 'Antall krav', width: 10 },
      ...(view.has_measures ? [{ header: 'Tiltak', width: 30, wrap: true }] : []),
      { header: 'Sporet', width: 9 },
    ],
    rowsFrom(view.provisions, (p) => [
      p.number,
      p.title,
      p.chapter ?? '',
      p.chapter_title ?? '',
      p.area_code ?? '',
      dateValue(p.applies_from),
      join(p.requirement_refs),
      p.requirement_refs.length,
      ...(view.has_measures ? [join(p.measures)] : []),
      p.requirement_refs.length ? 'Ja' : 'Ikke sporet',
    ]),
  );
  const byRef = new Map(view.requirements.map((r) => [r.ref, r]));
  await addSheet(
    wb,
    'Sporbarhet',
    [
      { header: 'Artikkel', width: 11 },
      { header: 'Artikkeltittel', width: 40, wrap: true },
      { header: 'Krav', width: 9 },
      { header: 'Kravtittel', width: 40, wrap: true },
      { header: 'Område', width: 8 },
      { header: 'Dekning', width: 15 },
      { header: 'Frist', width: 12, date: true },
      { header: 'Prinsipielle spørsmål', width: 20, wrap: true },
      ...(view.has_measures ? [{ header: 'Tiltak', width: 30, wrap: true }] : []),
      { header: 'Innspill', width: 9 },
    ],
    (function* () {
      for (const p of view.provisions) {
        for (const ref of p.requirement_refs) {
          const r = byRef.get(ref);
          yield [
            p.number,
            p.title,
            ref,
            r?.title ?? '',
            r?.area_code ?? '',
            label(COVERAGE_NB, r?.coverage),
            dateValue(r?.deadline ?? null),
            join(r?.questions.map((q) => q.ref) ?? []),
            ...(view.has_measures ? [join(r?.measures.map((m) => m.title) ?? [])] : []),
            r?.inputs.length ?? 0,
          ];
        }
      }
    })(),
  );
}

async function questionAndInputSheets(wb: Writer, view: AnalysisView) {
  await addSheet(
    wb,
    'Spørsmål',
    [
      { header: 'Ref', width: 8 },
      { header: 'Spørsmål', width: 60, wrap: true },
      { header: 'Område', width: 8 },
      { header: 'Opprinnelse', width: 14 },
      { header: 'Status', width: 13 },
      { header: 'Alternativer', width: 40, wrap: true },
      { header: 'Beslutning', width: 50, wrap: true },
      { header: 'Begrunnelse', width: 40, wrap: true },
      { header: 'Konsekvenser', width: 40, wrap: true },
      { header: 'Beslutningseier', width: 18 },
      { header: 'Krav', width: 18, wrap: true },
      { header: 'Artikler', width: 14 },
      { header: 'Kilde', width: 40, wrap: true },
    ],
    rowsFrom(view.questions, (q) => [
      q.ref,
      q.text,
      q.area_code ?? '',
      q.origin === 'analysis' ? 'Gapanalysen' : 'Nasjonalt valg',
      label(QUESTION_STATUS_NB, q.status),
      q.options.join('\n'),
      q.decision,
      q.rationale,
      q.consequences,
      q.decision_owner,
      join(q.requirement_refs),
      q.articles.join('; '),
      q.source,
    ]),
  );
  await addSheet(
    wb,
    'Innspill',
    [
      { header: 'Nr', width: 6 },
      { header: 'Innspill', width: 60, wrap: true },
      { header: 'Type', width: 16 },
      { header: 'Område', width: 8 },
      { header: 'Organisasjon', width: 24, wrap: true },
      { header: 'Møte', width: 24, wrap: true },
      { header: 'Forfatter', width: 16 },
      { header: 'Krav', width: 16, wrap: true },
      { header: 'Spørsmål', width: 12, wrap: true },
      { header: 'Behandling', width: 20 },
      { header: 'Begrunnelse', width: 40, wrap: true },
      { header: 'Kilde', width: 40, wrap: true },
    ],
    rowsFrom(view.inputs, (i) => [
      i.id,
      i.text,
      label(INPUT_TYPE_NB, i.type),
      i.area_code ?? '',
      i.organisation ?? '',
      i.meeting ?? '',
      i.author ?? '',
      join(i.requirement_refs),
      join(i.question_refs),
      label(DISPOSITION_NB, i.disposition),
      i.disposition_reason,
      i.source,
    ]),
  );
}

async function measureSheet(wb: Writer, view: AnalysisView) {
  if (!view.has_measures || view.measures.length === 0) {
    const ws = wb.addWorksheet('Tiltak');
    ws.getColumn(1).width = 90;
    ws.pageSetup = { ...PAGE_SETUP, printTitlesRow: undefined };
    ws.addRow([
      view.has_measures
        ? 'Ingen tiltak er registrert i denne versjonen av analysen.'
        : 'Denne versjonen av analysen har ingen tiltak: den ble frosset før tiltak kunne registreres.',
    ]).font = { name: FONT, size: 11, italic: true };
    ws.commit();
    return;
  }
  await addSheet(
    wb,
    'Tiltak',
    [
      { header: 'Nr', width: 6 },
      { header: 'Tiltak', width: 36, wrap: true },
      { header: 'Beskrivelse', width: 50, wrap: true },
      { header: 'Status', width: 13 },
      { header: 'Ansvarlig', width: 18 },
      { header: 'Planlagt start', width: 12, date: true },
      { header: 'Planlagt ferdig', width: 12, date: true },
      { header: 'Score (0–30)', width: 10 },
      { header: 'Rangering', width: 10 },
      { header: 'Formel', width: 10 },
      { header: 'Krav', width: 20, wrap: true },
      { header: 'Krav ikke i tide', width: 16, wrap: true },
      { header: 'Nasjonale løsninger', width: 30, wrap: true },
      { header: 'Kostnadsanslag (NOK)', width: 14 },
      { header: 'Kilde', width: 40, wrap: true },
    ],
    rowsFrom(view.measures, (m) => [
      m.id,
      m.title,
      m.description,
      label(MEASURE_STATUS_NB, m.status),
      m.owner ?? '',
      dateValue(m.planned_start),
      dateValue(m.planned_end),
      m.score === null ? null : Math.round(m.score * 100) / 100,
      m.rank,
      m.formula_version,
      join(m.requirements.map((r) => r.ref)),
      join(m.requirements.filter((r) => !r.in_time).map((r) => r.ref)),
      join(m.solutions),
      m.cost_estimate_nok,
      m.source,
    ]),
  );
}

function meetingSheet(wb: Writer, view: AnalysisView) {
  return addSheet(
    wb,
    'Møter',
    [
      { header: 'Dato', width: 12, date: true },
      { header: 'Møte', width: 30, wrap: true },
      { header: 'Forum', width: 30, wrap: true },
      { header: 'Organisasjoner', width: 40, wrap: true },
      { header: 'Områder', width: 12 },
      { header: 'Kilde', width: 40, wrap: true },
    ],
    rowsFrom(view.meetings, (m) => [
      dateValue(m.date),
      m.title,
      m.forum ?? '',
      join(m.organisations),
      join(m.areas),
      m.source,
    ]),
  );
}

function changeSheet(wb: Writer, changes: Comparison) {
  const widths = [18, 9, 8, 40, 16, 50, 50];
  return addSheet(
    wb,
    'Endringer',
    CHANGE_COLUMNS.map((c, i) => ({ header: c[0]?.toUpperCase() + c.slice(1), width: widths[i] ?? 20, wrap: i >= 3 })),
    changeRows(changes),
  );
}

export async function buildWorkbookXlsx(view: AnalysisView, options: { changes?: Comparison } = {}): Promise<Buffer> {
  // The streaming writer: each row is written out (and compressed by zlib) as it is made and each sheet closed
  // after its last row, where the in-memory workbook keeps every cell of tens of thousands of rows until the end.
  const out = collectingSink();
  const wb = streamingWorkbook(out.sink);
  wb.creator = 'ehds-gap';
  wb.title = REPORT_TITLE;
  wb.subject = versionLine(view).version;
  wb.created = new Date(view.exported_at);
  wb.modified = new Date(view.exported_at);
  aboutSheet(wb, view, options.changes);
  await requirementSheet(wb, view);
  await articleSheets(wb, view);
  await questionAndInputSheets(wb, view);
  await measureSheet(wb, view);
  await meetingSheet(wb, view);
  if (options.changes) await changeSheet(wb, options.changes);
  await wb.commit();
  return out.bytes();
}
