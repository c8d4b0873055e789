/**
 * The six things the benchmark measures, each once as an HTTP request and once as the query function
 * the route calls, so that the two can be compared. Every request picks its own parameters (area, page,
 * search word, requirement) from a repeatable random sequence, so no answer is served twice in a row.
 */
import type { Db } from '../../schema/db.ts';
import { AREA_CODES, type AreaCode, type Coverage } from '../../schema/types.ts';
import { type AssessmentInput, saveAssessment } from '../../server/queries/assessments.ts';
import { getDashboard } from '../../server/queries/dashboard.ts';
import { getAssessment, getRequirement, listRequirements } from '../../server/queries/requirements.ts';
import { getTrace } from '../../server/queries/trace.ts';
import { type Random, SEARCH_WORDS, situationText } from './text.ts';

export type ScenarioKey = 'list' | 'search' | 'detail' | 'dashboard' | 'trace' | 'update';

export interface Fixture {
  refs: string[];
  /** Assessment version per ref, as last read; the update scenario sends it back and keeps it current. */
  versions: Map<string, number>;
}

export interface Scenario {
  key: ScenarioKey;
  label: string;
  read: boolean;
  /** Method, path and body of one HTTP request. */
  request(r: Random, f: Fixture): { method: 'GET' | 'PUT'; path: string; ref?: string; body?: string };
  /** The same work in-process, through the query function the route calls. */
  direct(db: Db, r: Random, f: Fixture): Promise<unknown>;
}

const UPDATE_COVERAGE: Coverage[] = ['covered', 'partially_covered', 'not_covered', 'not_assessed'];

function listParams(r: Random) {
  const area = r.pick(AREA_CODES);
  const coverage = r.next() < 0.5 ? r.pick(UPDATE_COVERAGE) : undefined;
  const offset = 50 * r.int(0, 3);
  return { area, coverage, offset };
}

/**
 * What people type: a word or the start of one (as search-as-you-type sends it), sometimes two, so that
 * hardly any search is the same as one just before it and no answer kept from it can be reused.
 */
function searchQuery(r: Random): string {
  const term = () => {
    const word = r.pick(SEARCH_WORDS);
    return word.slice(0, r.int(Math.min(4, word.length), word.length));
  };
  return r.next() < 0.5 ? term() : `${term()} ${term()}`;
}

function assessmentBody(r: Random): AssessmentInput {
  return {
    coverage: r.pick(UPDATE_COVERAGE),
    work_status: r.pick(['todo', 'in_progress', 'in_review', 'done'] as const),
    gap_dimensions: r.next() < 0.5 ? ['legal', 'technical'] : ['organisational'],
    situation: situationText(r),
    gap: 'Oppdatert i ytelsestesten: kodeverk og ansvar må avklares før fristen.',
    justification: '',
    responsible_organisation_id: null,
  };
}

export const SCENARIOS: Scenario[] = [
  {
    key: 'list',
    label: 'filtered list (50 rows)',
    read: true,
    request(r) {
      const { area, coverage, offset } = listParams(r);
      const cov = coverage ? `&coverage=${coverage}` : '';
      return { method: 'GET', path: `/api/requirements?area=${area}${cov}&limit=50&offset=${offset}` };
    },
    direct(db, r) {
      const { area, coverage, offset } = listParams(r);
      return listRequirements(
        db,
        { area: [area], coverage: coverage ? [coverage] : undefined },
        { limit: 50, offset, sort: 'ref', order: 'asc' },
      );
    },
  },
  {
    key: 'search',
    label: 'full-text search',
    read: true,
    request(r) {
      return { method: 'GET', path: `/api/requirements?q=${encodeURIComponent(searchQuery(r))}&limit=50` };
    },
    direct(db, r) {
      return listRequirements(db, { q: searchQuery(r) }, { limit: 50, offset: 0, sort: 'ref', order: 'asc' });
    },
  },
  {
    key: 'detail',
    label: 'one requirement, all links',
    read: true,
    request(r, f) {
      return { method: 'GET', path: `/api/requirements/${encodeURIComponent(r.pick(f.refs))}` };
    },
    direct(db, r, f) {
      return getRequirement(db, r.pick(f.refs));
    },
  },
  {
    key: 'dashboard',
    label: 'dashboard',
    read: true,
    request() {
      return { method: 'GET', path: '/api/dashboard' };
    },
    direct(db) {
      return getDashboard(db);
    },
  },
  {
    key: 'trace',
    label: 'traceability, one area',
    read: true,
    request(r) {
      return { method: 'GET', path: `/api/trace?area=${r.pick(AREA_CODES)}` };
    },
    direct(db, r) {
      return getTrace(db, { area: r.pick(AREA_CODES) as AreaCode });
    },
  },
  {
    key: 'update',
    label: 'assessment update (PUT)',
    read: false,
    request(r, f) {
      const ref = r.pick(f.refs);
      const body = JSON.stringify({ version: f.versions.get(ref) ?? 1, ...assessmentBody(r) });
      return { method: 'PUT', path: `/api/requirements/${encodeURIComponent(ref)}/assessment`, ref, body };
    },
    async direct(db, r, f) {
      const ref = r.pick(f.refs);
      // Read, then write on the version read: what the form does.
      return db.transaction().execute(async (trx) => {
        const { id } = await trx
          .selectFrom('requirement')
          .select('id')
          .where('ref', '=', ref)
          .executeTakeFirstOrThrow();
        const { version } = await getAssessment(trx, id);
        return saveAssessment(trx, ref, assessmentBody(r), 'bench-direct', version);
      });
    },
  },
];

/** Refs and the current assessment version of every requirement. */
export async function loadFixture(db: Db): Promise<Fixture> {
  const rows = await db
    .selectFrom('requirement')
    .innerJoin('assessment', 'assessment.requirement_id', 'requirement.id')
    .select(['requirement.ref', 'assessment.version'])
    .execute();
  return { refs: rows.map((r) => r.ref), versions: new Map(rows.map((r) => [r.ref, r.version])) };
}
