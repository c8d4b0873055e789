/**
 * A seeded analysis with work in it, for the export tests and the LibreOffice check: assessments with
 * every coverage, gap texts with æøå and one that looks like a formula, a decided question, input with
 * dispositions, and two frozen versions (V0.5, V0.8) with changes between them and after V0.8.
 * The texts are test data, not findings.
 */
import type { Db } from '../../schema/db.ts';
import type { Coverage, GapDimension, WorkStatus } from '../../schema/types.ts';
import { saveAssessment } from '../../server/queries/assessments.ts';
import { setDisposition } from '../../server/queries/inputs.ts';
import { updateQuestion } from '../../server/queries/questions.ts';
import { freezeVersion } from '../../server/queries/versions.ts';

const ACTOR = 'test';

/** The text that must come out of every export as text, never as a formula. */
export const FORMULA_TEXT = '=SUM(A1)';

async function assess(
  db: Db,
  ref: string,
  coverage: Coverage,
  work_status: WorkStatus,
  gap_dimensions: GapDimension[],
  situation: string,
  gap: string,
  justification = '',
) {
  await db
    .transaction()
    .execute((trx) =>
      saveAssessment(
        trx,
        ref,
        { coverage, work_status, gap_dimensions, situation, gap, justification, responsible_organisation_id: null },
        ACTOR,
      ),
    );
}

async function questionVersion(db: Db, ref: string) {
  const row = await db.selectFrom('question').select('version').where('ref', '=', ref).executeTakeFirstOrThrow();
  return row.version;
}

async function inputVersion(db: Db, id: number) {
  const row = await db.selectFrom('input').select('version').where('id', '=', id).executeTakeFirstOrThrow();
  return row.version;
}

export async function makeSampleAnalysis(db: Db) {
  await assess(
    db,
    'A1-01',
    'partially_covered',
    'in_progress',
    ['legal', 'technical'],
    'Helsenorge gir innsyn i journal fra sykehusene; innsyn i opplysninger fra fastlege og kommunale tjenester er mangelfullt.',
    'Innsyn må omfatte alle prioriterte kategorier fra alle virksomheter, også kommunal helse- og omsorgstjeneste.',
  );
  await assess(
    db,
    'A1-05',
    'not_covered',
    'in_progress',
    ['organisational', 'technical'],
    'Det finnes ingen oversikt over sperringer på tvers av systemer.',
    'Skjerming må virke på tvers av virksomheter og i grensekryssende utveksling.',
  );
  await assess(
    db,
    'A1-07',
    'partially_covered',
    'in_review',
    ['technical'],
    'ID-porten med BankID, MinID og Buypass.',
    'Løsning for utenlandske borgere og for dem som ikke kan bruke BankID.',
  );
  await assess(
    db,
    'A2-04',
    'covered',
    'done',
    [],
    'E-resept er etablert nasjonalt (Reseptformidleren).',
    'Tilpasning til europeisk format vurderes under A2-02.',
  );
  await assess(
    db,
    'A2-05',
    'not_covered',
    'in_progress',
    ['semantic', 'technical'],
    FORMULA_TEXT,
    'Pasientoppsummering finnes ikke som nasjonal tjeneste; kritisk informasjon i kjernejournal dekker en del.',
  );
  await assess(
    db,
    'A3-03',
    'not_applicable',
    'done',
    [],
    '',
    '',
    'Testmiljøet etableres av EU; nasjonal del vurderes under A3-02 (æøå ÆØÅ).',
  );
  await assess(
    db,
    'A4-02',
    'partially_covered',
    'in_progress',
    ['legal', 'organisational'],
    'Helsedataservice er etablert; rollen som HDAB er ikke formelt tildelt.',
    '+ Utpeking av HDAB\n- Avklare ansvar mellom FHI og Helsedirektoratet\n@ koordinering',
  );
  await assess(db, 'A5-01', 'not_covered', 'todo', ['legal'], '', 'Digital helsemyndighet er ikke utpekt.');
  await freezeVersion(db, { name: 'V0.5', date: '2024-12-13', note: 'Utkast til gap, løypemelding.' }, ACTOR);

  await assess(
    db,
    'A1-05',
    'partially_covered',
    'in_review',
    ['organisational', 'technical'],
    'Sperringer i kjernejournal og enkelte EPJ; ingen samlet oversikt.',
    'Skjerming må virke på tvers av virksomheter og i grensekryssende utveksling.',
  );
  await assess(
    db,
    'A2-02',
    'not_covered',
    'in_progress',
    ['semantic'],
    'Norske meldingsstandarder; EEHRxF er ikke tatt i bruk.',
    'Overgang til europeisk journalformat.',
  );
  await db.transaction().execute(async (trx) =>
    updateQuestion(
      trx,
      'PS-01',
      {
        status: 'decided',
        decision: 'Helsenorge er hovedkanal for innsyn; andre løsninger kan supplere.',
        rationale: 'Etablert kanal med høy bruk.',
      },
      ACTOR,
      await questionVersion(trx, 'PS-01'),
    ),
  );
  await db
    .transaction()
    .execute(async (trx) =>
      setDisposition(
        trx,
        2,
        { disposition: 'accepted', reason: 'Tas inn under A1-07.' },
        ACTOR,
        await inputVersion(trx, 2),
      ),
    );
  await db
    .transaction()
    .execute(async (trx) =>
      setDisposition(
        trx,
        3,
        { disposition: 'noted', reason: 'Følges opp i A1-05.' },
        ACTOR,
        await inputVersion(trx, 3),
      ),
    );
  await freezeVersion(
    db,
    { name: 'V0.8', date: '2025-03-28', note: 'Leveranse gap-analyse etter innspill og bearbeiding.' },
    ACTOR,
  );

  await assess(
    db,
    'A1-05',
    'covered',
    'done',
    ['organisational'],
    'Sperringer samles i ny felles tjeneste (testdata).',
    '',
  );
  await assess(
    db,
    'A4-05',
    'not_covered',
    'todo',
    ['semantic'],
    'Metadata publiseres i dag i flere kataloger.',
    'Nasjonal metadatakatalog etter art. 77.',
  );
}
