/**
 * The measure form's draft: the fields as typed, how they compare with what is stored, and the checks made
 * before a save (the server checks again).
 */
import type { MeasureStatus } from '../../schema/types.ts';
import { formatDate } from '../i18n/index.ts';
import { t } from '../i18n/measures.ts';
import { parseDate } from '../pages/measure-values.ts';
import type { Measure } from '../pages/measures-data.ts';

/** The form's fields, as typed: dates and amounts are text until saved, so nothing half-typed is lost. */
export interface MeasureDraft {
  title: string;
  description: string;
  owner_organisation_id: number | null;
  planned_start: string;
  planned_end: string;
  status: MeasureStatus;
  cost_estimate_nok: string;
  cost_estimate_year: string;
  source: string;
  requirements: string[];
  solution_ids: number[];
}
export type Field = keyof MeasureDraft;
export const FIELDS: Field[] = [
  'title',
  'description',
  'owner_organisation_id',
  'planned_start',
  'planned_end',
  'status',
  'cost_estimate_nok',
  'cost_estimate_year',
  'source',
  'requirements',
  'solution_ids',
];

export const emptyDraft = (): MeasureDraft => ({
  title: '',
  description: '',
  owner_organisation_id: null,
  planned_start: '',
  planned_end: '',
  status: 'proposed',
  cost_estimate_nok: '',
  cost_estimate_year: '',
  source: t('mform.sourceDefault'),
  requirements: [],
  solution_ids: [],
});

export const draftOf = (m: Measure): MeasureDraft => ({
  title: m.title,
  description: m.description,
  owner_organisation_id: m.owner_organisation_id,
  planned_start: formatDate(m.planned_start),
  planned_end: formatDate(m.planned_end),
  status: m.status,
  cost_estimate_nok: m.cost_estimate_nok === null ? '' : String(m.cost_estimate_nok),
  cost_estimate_year: m.cost_estimate_year === null ? '' : String(m.cost_estimate_year),
  source: m.source,
  requirements: m.requirements.map((r) => r.ref),
  solution_ids: m.solutions.map((s) => s.id).sort((a, b) => a - b),
});

export const norm = (d: MeasureDraft) => ({
  ...d,
  title: d.title.trim(),
  description: d.description.trim(),
  planned_start: sameDate(d.planned_start),
  planned_end: sameDate(d.planned_end),
  source: d.source.trim(),
  cost_estimate_nok: d.cost_estimate_nok.trim(),
  cost_estimate_year: d.cost_estimate_year.trim(),
  requirements: [...d.requirements].sort(),
  solution_ids: [...d.solution_ids].sort((a, b) => a - b),
});
/** A typed date in one spelling (dd.mm.yyyy) when it is a date, so 2029-01-15 and 15.01.2029 compare equal. */
const sameDate = (text: string) => {
  const iso = parseDate(text);
  return iso ? formatDate(iso) : text.trim();
};
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
export const changedFields = (draft: MeasureDraft, base: MeasureDraft): Field[] => {
  const a = norm(draft);
  const b = norm(base);
  return FIELDS.filter((f) => !same(a[f], b[f]));
};

const WHOLE = /^\d+$/;

/** Checks the draft before it goes to the server; the server checks again. */
export function validate(d: MeasureDraft): { field: Field; message: string }[] {
  const errors: { field: Field; message: string }[] = [];
  if (d.title.trim() === '') errors.push({ field: 'title', message: t('mform.required') });
  const start = parseDate(d.planned_start);
  const end = parseDate(d.planned_end);
  if (start === undefined) errors.push({ field: 'planned_start', message: t('mform.badDate') });
  if (end === undefined) errors.push({ field: 'planned_end', message: t('mform.badDate') });
  if (start && end && end < start) errors.push({ field: 'planned_end', message: t('mform.endBeforeStart') });
  const nok = d.cost_estimate_nok.trim();
  const year = d.cost_estimate_year.trim();
  if (nok && !WHOLE.test(nok)) errors.push({ field: 'cost_estimate_nok', message: t('mform.wholeNumber') });
  if (year && !WHOLE.test(year)) errors.push({ field: 'cost_estimate_year', message: t('mform.wholeNumber') });
  if ((nok === '') !== (year === '')) errors.push({ field: 'cost_estimate_year', message: t('mform.costPair') });
  return errors;
}
