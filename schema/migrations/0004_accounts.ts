/**
 * Accounts and consultation rounds: users with roles, their password (apart, so that nothing that reads
 * users can read a secret), server-side sessions, reference-group membership, rounds with their scope,
 * and who wrote an input in which round.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('app_user')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    // Stored lower-cased: unique whatever case it is typed in.
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'integer', (c) => c.references('organisation.id').onDelete('set null'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user_credential')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('app_user.id').onDelete('cascade'))
    // `scrypt$N$r$p$salt$hash` (base64); never leaves the server.
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user_session')
    // sha256 (hex) of the token in the cookie; the token itself is never stored.
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_session_user').on('user_session').column('user_id').execute();

  await db.schema
    .createTable('reference_group_member')
    .addColumn('reference_group_id', 'integer', (c) => c.notNull().references('reference_group.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reference_group_member_pk', ['reference_group_id', 'user_id'])
    .execute();
  await db.schema.createIndex('reference_group_member_user').on('reference_group_member').column('user_id').execute();

  await db.schema
    .createTable('consultation_round')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('reference_group_id', 'integer', (c) => c.notNull().references('reference_group.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consultation_round_group')
    .on('consultation_round')
    .column('reference_group_id')
    .execute();

  await db.schema
    .createTable('round_requirement')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('consultation_round.id').onDelete('cascade'))
    .addColumn('requirement_id', 'integer', (c) => c.notNull().references('requirement.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('round_requirement_pk', ['round_id', 'requirement_id'])
    .execute();
  await db.schema
    .createIndex('round_requirement_requirement')
    .on('round_requirement')
    .column('requirement_id')
    .execute();

  await db.schema
    .alterTable('input')
    .addColumn('round_id', 'integer', (c) => c.references('consultation_round.id'))
    .execute();
  await db.schema
    .alterTable('input')
    .addColumn('user_id', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('input_round').on('input').column('round_id').execute();
  await db.schema.createIndex('input_user').on('input').column('user_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('input_user').execute();
  await db.schema.dropIndex('input_round').execute();
  await db.schema.alterTable('input').dropColumn('user_id').execute();
  await db.schema.alterTable('input').dropColumn('round_id').execute();
  for (const table of [
    'round_requirement',
    'consultation_round',
    'reference_group_member',
    'user_session',
    'user_credential',
    'app_user',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
