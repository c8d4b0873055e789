/**
 * How `npm start` runs the server (after building the client): the node arguments of package.json's start
 * script, so that the browser tests, the crash tests and the benchmark run the server exactly as it is
 * deployed, V8 heap limit included.
 */
import { readFileSync } from 'node:fs';

function startArguments(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const last = String(pkg.scripts?.start ?? '')
    .split('&&')
    .at(-1)
    ?.trim()
    .split(/\s+/);
  if (last?.[0] !== 'node' || last.at(-1) !== 'server/main.ts') {
    throw new Error(`package.json's start script should end with «node … server/main.ts», not «${pkg.scripts?.start}»`);
  }
  return last.slice(1);
}

/** Arguments for `spawn(process.execPath, SERVER_ARGS)`. */
export const SERVER_ARGS = startArguments();
