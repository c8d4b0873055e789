/** Assessments (vurderinger): the coverage and gap of one requirement, written with optimistic concurrency. */
import type { Db } from '../../schema/db.ts';
import { type Coverage, GAP_DIMENSIONS, type GapDimension, type WorkStatus } from '../../schema/types.ts';
import { ApiError } from '../lib/errors.ts';
import { now } from '../lib/text.ts';
import { diff, recordAudit } from './audit.ts';
import { refreshSearchText } from './requirement-writes.ts';
import { findRequirementId, getAssessment } from './requirements.ts';

export interface AssessmentInput {
  coverage: Coverage;
  work_status: WorkStatus;
  gap_dimensions: GapDimension[];
  situation: string;
  gap: string;
  justification: string;
  responsible_organisation_id: number | null;
  source?: string | null;
}

const FIELDS: (keyof AssessmentInput)[] = [
  'coverage',
  'work_status',
  'gap_dimensions',
  'situation',
  'gap',
  'justification',
  'responsible_organisation_id',
  'source',
];

/** Gap dimensions in their fixed order, without repeats: `technical;legal` → `legal;technical`. */
export const joinGapDimensions = (dims: readonly GapDimension[]) =>
  GAP_DIMENSIONS.filter((d) => dims.includes(d)).join(';');

export function checkAssessmentRules(input: Pick<AssessmentInput, 'coverage' | 'justification'>) {
  if (input.coverage === 'not_applicable' && input.justification.trim() === '') {
    throw new ApiError(400, 'Coverage «not_applicable» (Ikke relevant) needs a justification', {
      issues: [{ field: 'justification', message: 'Required when coverage is not_applicable' }],
    });
  }
}

/**
 * Saves a requirement's assessment. `expectedVersion` is the version the writer read: when the stored
 * version differs, nothing is written and 409 carries the current assessment. Without it (CSV import,
 * seeds) the write applies as is. Returns the assessment after the write. Call inside a transaction.
 */
export async function saveAssessment(
  db: Db,
  ref: string,
  input: AssessmentInput,
  actor: string,
  expectedVersion?: number,
) {
  const requirementId = await findRequirementId(db, ref);
  checkAssessmentRules(input);
  const current = await getAssessment(db, requirementId);
  if (expectedVersion !== undefined && current.version !== expectedVersion) {
    throw new ApiError(
      409,
      `The assessment of ${ref} was changed by ${current.updated_by} (version ${current.version}); you edited version ${expectedVersion}`,
      { current },
    );
  }
  if (input.responsible_organisation_id !== null) {
    const org = await db
      .selectFrom('organisation')
      .select('id')
      .where('id', '=', input.responsible_organisation_id)
      .executeTakeFirst();
    if (!org) {
      throw new ApiError(400, `Unknown organisation id ${input.responsible_organisation_id}`, {
        issues: [{ field: 'responsible_organisation_id', message: 'No such organisation' }],
      });
    }
  }
  const next = { ...input, gap_dimensions: GAP_DIMENSIONS.filter((d) => input.gap_dimensions.includes(d)) };
  const before = {
    ...current,
    gap_dimensions: current.gap_dimensions as GapDimension[],
  };
  const changes = diff<AssessmentInput>(before, { ...next, source: next.source ?? current.source }, FIELDS);
  if (Object.keys(changes).length === 0) return current;
  const result = await db
    .updateTable('assessment')
    .set({
      coverage: next.coverage,
      work_status: next.work_status,
      gap_dimensions: joinGapDimensions(next.gap_dimensions),
      situation: next.situation,
      gap: next.gap,
      justification: next.justification,
      responsible_organisation_id: next.responsible_organisation_id,
      source: next.source ?? current.source,
      version: current.version + 1,
      updated_by: actor,
      updated_at: now(),
    })
    .where('requirement_id', '=', requirementId)
    .where('version', '=', current.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new ApiError(409, `The assessment of ${ref} was changed while you saved`, {
      current: await getAssessment(db, requirementId),
    });
  }
  await refreshSearchText(db, requirementId);
  await recordAudit(db, {
    actor,
    entity: 'assessment',
    entityId: requirementId,
    entityRef: ref,
    action: 'update',
    changes,
  });
  return getAssessment(db, requirementId);
}
