/**
 * Indexes for a large analysis (thousands of requirements, tens of thousands of inputs), found with the
 * benchmark (test/bench): the natural ref order the requirement list sorts by, and covering indexes for the
 * link tables and the deadline scans, so that these read small indexes instead of wide rows. Expressions
 * use only substr() and length(), which every SQL database has.
 */
import { type Kysely, sql } from 'kysely';

/** The order of server/queries/requirements.ts' refOrder: area prefix, shorter numbers first, then the text. */
const NATURAL_ORDER = sql`substr(ref, 1, 3), length(ref), ref`;

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('requirement_natural_order').on('requirement').expression(NATURAL_ORDER).execute();
  await db.schema
    .createIndex('requirement_area_natural_order')
    .on('requirement')
    .expression(sql`area_code, ${NATURAL_ORDER}`)
    .execute();
  // Dashboard and risk: every requirement's deadline and ref without reading its text.
  await db.schema.dropIndex('requirement_deadline').execute();
  await db.schema.createIndex('requirement_deadline_ref').on('requirement').columns(['deadline', 'ref']).execute();
  // Links by requirement, with the other side in the index: counts and joins without a row lookup.
  await db.schema.dropIndex('input_requirement_requirement').execute();
  await db.schema
    .createIndex('input_requirement_requirement_input')
    .on('input_requirement')
    .columns(['requirement_id', 'input_id'])
    .execute();
  await db.schema.dropIndex('measure_requirement_requirement').execute();
  await db.schema
    .createIndex('measure_requirement_requirement_measure')
    .on('measure_requirement')
    .columns(['requirement_id', 'measure_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('measure_requirement_requirement_measure').execute();
  await db.schema
    .createIndex('measure_requirement_requirement')
    .on('measure_requirement')
    .column('requirement_id')
    .execute();
  await db.schema.dropIndex('input_requirement_requirement_input').execute();
  await db.schema
    .createIndex('input_requirement_requirement')
    .on('input_requirement')
    .column('requirement_id')
    .execute();
  await db.schema.dropIndex('requirement_deadline_ref').execute();
  await db.schema.createIndex('requirement_deadline').on('requirement').column('deadline').execute();
  await db.schema.dropIndex('requirement_area_natural_order').execute();
  await db.schema.dropIndex('requirement_natural_order').execute();
}
