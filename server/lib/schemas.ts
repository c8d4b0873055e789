/** Zod schemas shared by several routes: refs, dates, list parameters, the requirement filters. */
import { z } from '@hono/zod-openapi';
import { AREA_CODES, CATEGORIES, COVERAGE, REF_PATTERN, WORK_STATUS } from '../../schema/types.ts';
import { provisionNumberOf } from '../queries/provisions.ts';
import { isIsoDate } from './text.ts';

export const Ref = z.string().regex(REF_PATTERN, 'Must be a ref like A1-09 (area A1–A5, dash, 2–4 digits)');

export const IsoDate = z
  .string()
  .refine(isIsoDate, 'Must be a calendar date YYYY-MM-DD')
  .openapi({ format: 'date', example: '2029-03-26' });

/** A query parameter that is repeatable (`area=A1&area=A2`) or comma-separated (`area=A1,A2`). */
export const listParam = <T extends readonly [string, ...string[]]>(values: T, description: string) =>
  z
    .preprocess(
      (v) =>
        v === undefined
          ? undefined
          : [v]
              .flat()
              .flatMap((s) => String(s).split(','))
              .map((s) => s.trim())
              .filter((s) => s !== ''),
      z.array(z.enum(values)).optional(),
    )
    .openapi({ description: `${description}; repeat the parameter or separate with commas` });

/** The filters of the requirement list; the CSV export takes the same, so it gives what the list shows. */
export const RequirementFilterQuery = z.object({
  area: listParam(AREA_CODES, 'Areas A1–A5'),
  coverage: listParam(COVERAGE, 'Coverage codes'),
  work_status: listParam(WORK_STATUS, 'Work status codes'),
  deadline_before: IsoDate.optional().openapi({ description: 'Legal deadline on or before this date' }),
  deadline: IsoDate.optional().openapi({ description: 'Legal deadline on this date' }),
  article: z
    .string()
    .max(40)
    .refine((v) => provisionNumberOf(v) !== null, 'Must be an article like 14 or an annex like Annex II')
    .optional()
    .openapi({ description: 'Cited article (`14`) or annex (`Annex II`)' }),
  reference_group: z.coerce.number().int().positive().optional().openapi({ description: 'Reference group id' }),
  round: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .openapi({ description: 'In the scope of this consultation round' }),
  category: z.enum(CATEGORIES).optional().openapi({ description: 'Priority category, Art. 14(1) a–f' }),
  national_choice: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'Only requirements that leave (true) or do not leave (false) a national choice' }),
  q: z.string().max(200).optional().openapi({ description: 'Words that must all occur (case-insensitive, æøå)' }),
  at_risk: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({
      description: 'Only requirements at (true) or not at (false) deadline risk: not covered, no measure in time',
    }),
});
