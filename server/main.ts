/** Start: open the database, migrate, seed an empty one (unless EHDS_SEED=false), serve the API and the client. */
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { migrate, openDb } from '../schema/db.ts';
import { isEmpty, seedDatabase } from '../seeds/index.ts';
import { createApp } from './app.ts';
import { readConfig } from './config.ts';
import { ensureFirstAdmin } from './queries/users.ts';

const config = readConfig();
const { db, sqlite } = openDb(config.dbFile);
const applied = await migrate(db);
if (applied.length) console.log(`Migrated ${config.dbFile}: ${applied.join(', ')}`);
if (await isEmpty(db)) {
  if (config.seed) {
    const counts = await seedDatabase(db);
    console.log(
      `Seeded an empty database: ${counts.requirement} requirements, ${counts.provision} provisions, ${counts.question} questions, ${counts.input} inputs, ${counts.meeting} meetings`,
    );
  } else {
    console.log('EHDS_SEED=false: the database is left empty, ready for a snapshot import (POST /api/import/snapshot)');
  }
}

const admin = await ensureFirstAdmin(db, config);
if (admin?.generatedPassword) {
  // Shown this once and never stored in clear; sign in and change it, or set EHDS_ADMIN_PASSWORD next time.
  console.log(
    `Created the first administrator ${admin.email} with the password ${admin.generatedPassword}\n` +
      '  Write it down now: it is not shown again. Change it after signing in (or: npm run cli -- user set-password).',
  );
} else if (admin) console.log(`Created the first administrator ${admin.email} (password from EHDS_ADMIN_PASSWORD)`);

const clientDir = fileURLToPath(new URL('../client/dist', import.meta.url));
const app = createApp({ db, clientDir, trustProxy: config.trustProxy });
const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
  console.log(`ehds-gap listening on http://localhost:${info.port} (database ${config.dbFile})`);
});

function shutdown(signal: string) {
  console.log(`${signal}: closing`);
  server.close(() => {
    sqlite.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
