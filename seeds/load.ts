/** Reads the seed files in `seeds/data/`, validating each against its shape so a bad edit fails loudly. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseCsvObjects } from '../server/lib/csv.ts';

const dataUrl = (name: string) => new URL(`./data/${name}`, import.meta.url);

export function readJson<T extends z.ZodType>(name: string, schema: T): z.infer<T>[] {
  const parsed = z.array(schema).safeParse(JSON.parse(readFileSync(dataUrl(name), 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`seeds/data/${name}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data as z.infer<T>[];
}

export function readCsv(name: string): Record<string, string>[] {
  return parseCsvObjects(readFileSync(dataUrl(name), 'utf8'));
}

const area = z.enum(['A1', 'A2', 'A3', 'A4', 'A5']);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const OrganisationSeed = z.object({
  name: z.string().min(1),
  short_name: z.string().nullable(),
  kind: z.string().min(1),
  source: z.string().min(1),
});

export const MeetingSeed = z.object({
  date,
  title: z.string().min(1),
  forum: z.string().nullable(),
  organisations: z.array(z.string()),
  areas: z.array(area),
  source: z.string().min(1),
});

export const ReferenceGroupSeed = z.object({
  name: z.string().min(1),
  name_en: z.string().min(1),
  description: z.string().min(1),
  categories: z.array(z.enum(['a', 'b', 'c', 'd', 'e', 'f'])),
  requirement_refs: z.array(z.string()),
  source: z.string().min(1),
});

export const RequirementSeed = z.object({
  ref: z.string().regex(/^A[1-5]-\d{2}$/),
  area,
  group: z.string().nullable(),
  title: z.string().min(1),
  title_en: z.string().nullable(),
  description: z.string(),
  articles: z.array(z.string()).min(1),
  categories: z.array(z.enum(['a', 'b', 'c', 'd', 'e', 'f'])),
  deadline: date,
  deadline_note: z.string().nullable(),
  national_choice: z.boolean(),
  source: z.string().min(1),
});

export const AssessmentHintSeed = z.object({
  ref: z.string(),
  situation: z.string().min(1),
  source: z.string().min(1),
  coverage: z.enum(['covered', 'partially_covered', 'not_covered']).optional(),
});

export const QuestionSeed = z.object({
  text: z.string().min(1),
  area: area.nullable(),
  requirement_refs: z.array(z.string()),
  articles: z.array(z.string()),
  options: z.array(z.string()),
  source: z.string().min(1),
});

export const InputSeed = z.object({
  text: z.string().min(1),
  type: z.enum(['comment', 'question', 'proposed_change', 'objection']),
  area: area.nullable(),
  requirement_refs: z.array(z.string()),
  question_text: z.string().nullable(),
  organisation: z.string().nullable(),
  meeting: z.object({ date, title: z.string() }).nullable(),
  source: z.string().min(1),
});

export const MilestoneSeed = z.object({
  code: z.string().nullable(),
  title: z.string().min(1),
  date: date.nullable(),
  date_note: z.string().nullable(),
  description: z.string(),
  source: z.string().min(1),
});
