/** Start: open the database, migrate, seed an empty one, serve the API and the client. */
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { migrate, openDb } from '../schema/db.ts';
import { isEmpty, seedDatabase } from '../seeds/index.ts';
import { createApp } from './app.ts';
import { readConfig } from './config.ts';

const config = readConfig();
const { db, sqlite } = openDb(config.dbFile);
const applied = await migrate(db);
if (applied.length) console.log(`Migrated ${config.dbFile}: ${applied.join(', ')}`);
if (await isEmpty(db)) {
  const counts = await seedDatabase(db);
  console.log(
    `Seeded an empty database: ${counts.requirement} requirements, ${counts.provision} provisions, ${counts.question} questions, ${counts.input} inputs, ${counts.meeting} meetings`,
  );
}

const clientDir = fileURLToPath(new URL('../client/dist', import.meta.url));
const app = createApp({ db, clientDir });
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
