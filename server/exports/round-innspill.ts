/**
 * «Norges innspill»: a consultation round's input, requirement by requirement, with organisation, author,
 * type, disposition and reason, for the EU work (Xt-EHR). As CSV (one row per input) and as DOCX with
 * Norwegian headings. Small documents: built on the request's thread.
 */
import { writeCsv } from '../lib/csv.ts';
import type { RoundView } from '../queries/rounds.ts';
import { heading, labelled, MUTED, PAGE, paragraphs, runs, styles, text } from './docx-kit.ts';
import { writeDocx } from './docx-package.ts';
import { DISPOSITION_NB, dateNb, dateOslo, INPUT_TYPE_NB, label } from './labels.ts';
import type { Paragraph, Sink } from './wordml.ts';

export interface RoundInput {
  id: number;
  text: string;
  type: string;
  organisation: string | null;
  author: string | null;
  disposition: string;
  disposition_reason: string;
  created_at: string;
  requirement_refs: string[];
}

export interface RoundExportData {
  round: RoundView;
  requirements: { ref: string; title: string }[];
  inputs: RoundInput[];
}

export const ROUND_CSV_HEADER = [
  'Krav',
  'Kravtittel',
  'Innspill',
  'Type',
  'Organisasjon',
  'Innsender',
  'Registrert',
  'Disposisjon',
  'Begrunnelse',
] as const;

const WHOLE_ROUND = 'Runden som helhet';

/** Each input once per requirement it is about (or once for the round as a whole), in scope order. */
function rowsByRequirement(data: RoundExportData) {
  const groups: { ref: string | null; title: string; inputs: RoundInput[] }[] = data.requirements.map((r) => ({
    ref: r.ref,
    title: r.title,
    inputs: data.inputs.filter((i) => i.requirement_refs.includes(r.ref)),
  }));
  groups.push({ ref: null, title: WHOLE_ROUND, inputs: data.inputs.filter((i) => i.requirement_refs.length === 0) });
  return groups;
}

export function buildRoundCsv(data: RoundExportData): string {
  const rows = rowsByRequirement(data).flatMap((g) =>
    g.inputs.map((i) => [
      g.ref ?? '',
      g.ref ? g.title : WHOLE_ROUND,
      i.text,
      label(INPUT_TYPE_NB, i.type),
      i.organisation ?? '',
      i.author ?? '',
      dateNb(dateOslo(i.created_at)),
      label(DISPOSITION_NB, i.disposition),
      i.disposition_reason,
    ]),
  );
  return writeCsv(ROUND_CSV_HEADER, rows);
}

function inputParagraphs(i: RoundInput): Paragraph[] {
  const from = [i.organisation, i.author].filter(Boolean).join(', ') || 'Ikke oppgitt';
  return [
    heading(3, `${label(INPUT_TYPE_NB, i.type)} fra ${from}`),
    ...paragraphs(i.text),
    labelled([
      ['Disposisjon', label(DISPOSITION_NB, i.disposition)],
      ['Registrert', dateNb(dateOslo(i.created_at))],
    ]),
    ...(i.disposition_reason ? [{ runs: [{ text: 'Begrunnelse: ', bold: true }, ...runs(i.disposition_reason)] }] : []),
  ];
}

function roundBody(out: Sink, data: RoundExportData) {
  const { round } = data;
  out.add(
    text('Norges innspill', { style: 'Title' }),
    text(round.title, { style: 'Undertittel' }),
    labelled([
      ['Referansegruppe', round.reference_group],
      ['Høringsperiode', `${dateNb(round.opens_on)}–${dateNb(round.closes_on)}`],
    ]),
    labelled([
      ['Krav i runden', String(round.scope_count)],
      ['Innspill', String(data.inputs.length)],
      ['Uttrekk', dateNb(dateOslo())],
    ]),
    ...(round.description ? paragraphs(round.description) : []),
  );
  for (const g of rowsByRequirement(data)) {
    if (g.ref === null && g.inputs.length === 0) continue;
    out.add(heading(2, g.ref ? `${g.ref} ${g.title}` : WHOLE_ROUND));
    if (g.inputs.length === 0) out.add({ runs: [{ text: 'Ingen innspill.', italics: true, color: MUTED }] });
    for (const i of g.inputs) out.add(...inputParagraphs(i));
  }
}

export async function buildRoundDocx(data: RoundExportData): Promise<Buffer> {
  return writeDocx(
    {
      title: `Norges innspill – ${data.round.title}`,
      creator: 'ehds-gap',
      description: `Innspill fra referansegruppen ${data.round.reference_group}`,
      styles,
      page: PAGE,
    },
    (out) => roundBody(out, data),
  );
}
