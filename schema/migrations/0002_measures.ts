/** Measures (tiltak) with the sector's score leaves, national solutions and portfolio projects, and their links. */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('national_solution')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('seed_key', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_organisation_id', 'integer', (c) => c.references('organisation.id'))
    .addColumn('owner_note', 'text', (c) => c.notNull())
    .addColumn('status', 'text')
    .addColumn('status_note', 'text', (c) => c.notNull())
    .addColumn('planned_end', 'text')
    .addColumn('planned_end_note', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('measure')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('seed_key', 'text', (c) => c.unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_organisation_id', 'integer', (c) => c.references('organisation.id'))
    .addColumn('planned_start', 'text')
    .addColumn('planned_end', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cost_estimate_nok', 'integer')
    .addColumn('cost_estimate_year', 'integer')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('formula_version', 'text', (c) => c.notNull())
    .addColumn('score_note', 'text', (c) => c.notNull())
    .addColumn('sheet_score', 'real')
    .addColumn('sheet_rank', 'integer')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('measure_status').on('measure').column('status').execute();
  await db.schema.createIndex('measure_planned_end').on('measure').column('planned_end').execute();

  await db.schema
    .createTable('measure_score_leaf')
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measure.id').onDelete('cascade'))
    .addColumn('leaf', 'text', (c) => c.notNull())
    .addColumn('value', 'integer')
    .addColumn('note', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('measure_score_leaf_pk', ['measure_id', 'leaf'])
    .execute();

  await db.schema
    .createTable('measure_requirement')
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measure.id').onDelete('cascade'))
    .addColumn('requirement_id', 'integer', (c) => c.notNull().references('requirement.id').onDelete('cascade'))
    .addColumn('link_note', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('measure_requirement_pk', ['measure_id', 'requirement_id'])
    .execute();
  await db.schema
    .createIndex('measure_requirement_requirement')
    .on('measure_requirement')
    .column('requirement_id')
    .execute();

  await db.schema
    .createTable('measure_solution')
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('measure.id').onDelete('cascade'))
    .addColumn('solution_id', 'integer', (c) => c.notNull().references('national_solution.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('measure_solution_pk', ['measure_id', 'solution_id'])
    .execute();
  await db.schema.createIndex('measure_solution_solution').on('measure_solution').column('solution_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'measure_solution',
    'measure_requirement',
    'measure_score_leaf',
    'measure',
    'national_solution',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
