/**
 * Writes sample exports of the seeded analysis with work in it (test/export/sample-analysis.ts) to a
 * folder, for the LibreOffice check (convert.sh): the report now and as of V0.5, and the workbook.
 * Usage: node --import tsx test/export/make-samples.ts OUT_DIR
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openMemoryDb } from '../../schema/db.ts';
import { seedDatabase } from '../../seeds/index.ts';
import { buildExport, type ExportKind } from '../../server/exports/render.ts';
import { previousSnapshot, snapshotOf } from '../../server/exports/sources.ts';
import { makeSampleAnalysis } from './sample-analysis.ts';

const out = process.argv[2] ?? 'test/artifacts/export';
mkdirSync(out, { recursive: true });
const { db } = await openMemoryDb();
await seedDatabase(db);
await makeSampleAnalysis(db);

const samples: [string, ExportKind, string | undefined][] = [
  ['rapport.docx', 'docx', undefined],
  ['rapport-V0.5.docx', 'docx', 'V0.5'],
  ['arbeidsbok.xlsx', 'xlsx', undefined],
];
for (const [name, kind, version] of samples) {
  const started = performance.now();
  const [snapshot, previous] = await Promise.all([snapshotOf(db, version), previousSnapshot(db, version)]);
  const bytes = await buildExport({ kind, snapshot, previous });
  writeFileSync(join(out, name), bytes);
  console.log(`${name}: ${Math.round(bytes.byteLength / 1024)} KB in ${Math.round(performance.now() - started)} ms`);
}
await db.destroy();
