/** The analysis: areas, the regulation's provisions, requirements, assessments, questions, input, engagement, audit. */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('area')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_nb', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('short_nb', 'text', (c) => c.notNull())
    .addColumn('short_en', 'text', (c) => c.notNull())
    .addColumn('articles_label', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('provision')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('act', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('title_nb', 'text')
    .addColumn('chapter', 'text')
    .addColumn('chapter_title', 'text')
    .addColumn('section', 'text')
    .addColumn('section_title', 'text')
    .addColumn('area_code', 'text', (c) => c.references('area.code'))
    .addColumn('other_areas', 'text')
    .addColumn('applies_from', 'text')
    .addColumn('applies_note', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addUniqueConstraint('provision_act_number', ['act', 'number'])
    .execute();

  await db.schema
    .createTable('implementing_act')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('provision_id', 'integer', (c) => c.notNull().references('provision.id'))
    .addColumn('article_paragraph', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('modality', 'text', (c) => c.notNull())
    .addColumn('commission_deadline', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('legal_milestone')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('date', 'text', (c) => c.notNull().unique())
    .addColumn('title_nb', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('plan_milestone')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('code', 'text')
    .addColumn('title', 'text', (c) => c.notNull().unique())
    .addColumn('date', 'text')
    .addColumn('date_note', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('category')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_nb', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('applies_from', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('organisation')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('short_name', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('requirement')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('ref', 'text', (c) => c.notNull().unique())
    .addColumn('area_code', 'text', (c) => c.notNull().references('area.code'))
    .addColumn('group_name', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text')
    .addColumn('deadline_note', 'text')
    .addColumn('national_choice', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('requirement_area').on('requirement').column('area_code').execute();
  await db.schema.createIndex('requirement_deadline').on('requirement').column('deadline').execute();

  await db.schema
    .createTable('requirement_provision')
    .addColumn('requirement_id', 'integer', (c) => c.notNull().references('requirement.id').onDelete('cascade'))
    .addColumn('provision_id', 'integer', (c) => c.notNull().references('provision.id'))
    .addColumn('pinpoint', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('requirement_provision_pk', ['requirement_id', 'pinpoint'])
    .execute();
  await db.schema
    .createIndex('requirement_provision_provision')
    .on('requirement_provision')
    .column('provision_id')
    .execute();

  await db.schema
    .createTable('requirement_category')
    .addColumn('requirement_id', 'integer', (c) => c.notNull().references('requirement.id').onDelete('cascade'))
    .addColumn('category', 'text', (c) => c.notNull().references('category.code'))
    .addPrimaryKeyConstraint('requirement_category_pk', ['requirement_id', 'category'])
    .execute();

  await db.schema
    .createTable('assessment')
    .addColumn('requirement_id', 'integer', (c) => c.primaryKey().references('requirement.id').onDelete('cascade'))
    .addColumn('coverage', 'text', (c) => c.notNull())
    .addColumn('work_status', 'text', (c) => c.notNull())
    .addColumn('gap_dimensions', 'text', (c) => c.notNull())
    .addColumn('situation', 'text', (c) => c.notNull())
    .addColumn('gap', 'text', (c) => c.notNull())
    .addColumn('justification', 'text', (c) => c.notNull())
    .addColumn('responsible_organisation_id', 'integer', (c) => c.references('organisation.id'))
    .addColumn('source', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assessment_coverage').on('assessment').column('coverage').execute();

  await db.schema
    .createTable('meeting')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('forum', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addUniqueConstraint('meeting_date_title', ['date', 'title'])
    .execute();

  await db.schema
    .createTable('meeting_organisation')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addPrimaryKeyConstraint('meeting_organisation_pk', ['meeting_id', 'organisation_id'])
    .execute();

  await db.schema
    .createTable('meeting_area')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('area_code', 'text', (c) => c.notNull().references('area.code'))
    .addPrimaryKeyConstraint('meeting_area_pk', ['meeting_id', 'area_code'])
    .execute();

  await db.schema
    .createTable('question')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('ref', 'text', (c) => c.notNull().unique())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('area_code', 'text', (c) => c.references('area.code'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('consequences', 'text', (c) => c.notNull())
    .addColumn('decision_owner', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('question_requirement')
    .addColumn('question_id', 'integer', (c) => c.notNull().references('question.id').onDelete('cascade'))
    .addColumn('requirement_id', 'integer', (c) => c.notNull().references('requirement.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('question_requirement_pk', ['question_id', 'requirement_id'])
    .execute();
  await db.schema
    .createIndex('question_requirement_requirement')
    .on('question_requirement')
    .column('requirement_id')
    .execute();

  await db.schema
    .createTable('question_provision')
    .addColumn('question_id', 'integer', (c) => c.notNull().references('question.id').onDelete('cascade'))
    .addColumn('provision_id', 'integer', (c) => c.notNull().references('provision.id'))
    .addColumn('pinpoint', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('question_provision_pk', ['question_id', 'pinpoint'])
    .execute();

  await db.schema
    .createTable('input')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('area_code', 'text', (c) => c.references('area.code'))
    .addColumn('organisation_id', 'integer', (c) => c.references('organisation.id'))
    .addColumn('meeting_id', 'integer', (c) => c.references('meeting.id'))
    .addColumn('author', 'text')
    .addColumn('disposition', 'text', (c) => c.notNull())
    .addColumn('disposition_reason', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('input_disposition').on('input').column('disposition').execute();

  await db.schema
    .createTable('input_requirement')
    .addColumn('input_id', 'integer', (c) => c.notNull().references('input.id').onDelete('cascade'))
    .addColumn('requirement_id', 'integer', (c) => c.notNull().references('requirement.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('input_requirement_pk', ['input_id', 'requirement_id'])
    .execute();
  await db.schema
    .createIndex('input_requirement_requirement')
    .on('input_requirement')
    .column('requirement_id')
    .execute();

  await db.schema
    .createTable('input_question')
    .addColumn('input_id', 'integer', (c) => c.notNull().references('input.id').onDelete('cascade'))
    .addColumn('question_id', 'integer', (c) => c.notNull().references('question.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('input_question_pk', ['input_id', 'question_id'])
    .execute();

  await db.schema
    .createTable('reference_group')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('reference_group_requirement')
    .addColumn('reference_group_id', 'integer', (c) => c.notNull().references('reference_group.id').onDelete('cascade'))
    .addColumn('requirement_id', 'integer', (c) => c.notNull().references('requirement.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('reference_group_requirement_pk', ['reference_group_id', 'requirement_id'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('entity_ref', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log',
    'reference_group_requirement',
    'reference_group',
    'input_question',
    'input_requirement',
    'input',
    'question_provision',
    'question_requirement',
    'question',
    'meeting_area',
    'meeting_organisation',
    'meeting',
    'assessment',
    'requirement_category',
    'requirement_provision',
    'requirement',
    'organisation',
    'category',
    'plan_milestone',
    'legal_milestone',
    'implementing_act',
    'provision',
    'area',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
