/** Norwegian words for the codes, and dates as dd.mm.yyyy: what the report, the workbook and the change list show. */
import type {
  Coverage,
  Disposition,
  GapDimension,
  InputType,
  MeasureStatus,
  QuestionStatus,
  SolutionKind,
  SolutionStatus,
  WorkStatus,
} from '../../schema/types.ts';
import type { AnalysisView } from './analysis.ts';

export const COVERAGE_NB: Record<Coverage, string> = {
  covered: 'Godt dekket',
  partially_covered: 'Delvis dekket',
  not_covered: 'Ikke dekket',
  not_applicable: 'Ikke relevant',
  not_assessed: 'Ikke vurdert',
};

export const WORK_STATUS_NB: Record<WorkStatus, string> = {
  todo: 'Ikke startet',
  in_progress: 'Under arbeid',
  in_review: 'Til gjennomgang',
  done: 'Ferdig',
};

export const GAP_DIMENSION_NB: Record<GapDimension, string> = {
  legal: 'Juridisk',
  organisational: 'Organisatorisk',
  semantic: 'Semantisk',
  technical: 'Teknisk',
};

export const QUESTION_STATUS_NB: Record<QuestionStatus, string> = {
  open: 'Åpent',
  in_progress: 'Under arbeid',
  decided: 'Avklart',
};

export const INPUT_TYPE_NB: Record<InputType, string> = {
  comment: 'Kommentar',
  question: 'Spørsmål',
  proposed_change: 'Endringsforslag',
  objection: 'Innsigelse',
};

export const DISPOSITION_NB: Record<Disposition, string> = {
  pending: 'Til behandling',
  accepted: 'Tatt til følge',
  partially_accepted: 'Delvis tatt til følge',
  rejected: 'Ikke tatt til følge',
  noted: 'Tatt til orientering',
};

export const MEASURE_STATUS_NB: Record<MeasureStatus, string> = {
  proposed: 'Foreslått',
  planned: 'Planlagt',
  in_progress: 'Under arbeid',
  done: 'Ferdig',
  stopped: 'Stanset',
};

export const SOLUTION_KIND_NB: Record<SolutionKind, string> = {
  national_solution: 'Nasjonal løsning',
  collaboration_service: 'Samhandlingstjeneste',
  project: 'Prosjekt',
};

export const SOLUTION_STATUS_NB: Record<SolutionStatus, string> = {
  planned: 'Planlagt',
  in_progress: 'Under arbeid',
  in_pilot: 'I utprøving',
  in_rollout: 'Under innføring',
  in_operation: 'I drift',
  stopped: 'Stanset',
};

/** A score 0–30 with one decimal, Norwegian style: 22,8. */
export const scoreNb = (score: number | null) => (score === null ? '' : score.toFixed(1).replace('.', ','));

export const CATEGORY_NB: Record<string, string> = {
  a: 'Pasientoppsummering',
  b: 'E-resept',
  c: 'E-utlevering',
  d: 'Medisinske bilder',
  e: 'Laboratoriesvar',
  f: 'Epikriser',
};

/**
 * Text without the characters XML 1.0 forbids (C0 controls but tab and line breaks, U+FFFE/U+FFFF): one
 * pasted control character would make a DOCX or XLSX file unreadable.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
export const xmlSafe = (text: string | null | undefined) => (text ?? '').replace(XML_INVALID, '');

/** A label for a code, falling back to the code itself (a value a newer schema added). */
export const label = <K extends string>(labels: Record<K, string>, code: string | null | undefined): string =>
  code == null ? '' : ((labels as Record<string, string>)[code] ?? code);

/** `2029-03-26` → `26.03.2029`; anything else is returned as it is. */
export function dateNb(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

const osloDateTime = new Intl.DateTimeFormat('nb-NO', {
  timeZone: 'Europe/Oslo',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** An ISO timestamp as Norwegian local time: `22.11.2026 kl. 16:43`. */
export function dateTimeNb(iso: string): string {
  const parts = Object.fromEntries(osloDateTime.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.day}.${parts.month}.${parts.year} kl. ${parts.hour}:${parts.minute}`;
}

const osloDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' });

/** The calendar date in Norway, `YYYY-MM-DD`, of a moment (default now). */
export const dateOslo = (iso?: string) => osloDate.format(iso ? new Date(iso) : new Date());

export const REPORT_TITLE = 'EHDS konsekvensvurdering – gapanalyse';

/** «Versjon V0.8» or «Arbeidsversjon (ikke frosset)», and the date the report stands at. */
export function versionLine(view: AnalysisView): { version: string; date: string; detail: string } {
  if (view.source.kind === 'version') {
    return {
      version: `Versjon ${view.source.name}`,
      date: dateNb(view.source.date),
      detail: `Frosset ${dateTimeNb(view.source.frozen_at)} av ${view.source.frozen_by}`,
    };
  }
  return {
    version: 'Arbeidsversjon (ikke frosset)',
    date: dateNb(dateOslo(view.exported_at)),
    detail: `Uttrekk fra ehds-gap ${dateTimeNb(view.exported_at)}`,
  };
}
