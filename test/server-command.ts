/**
 * The server as `npm start` runs it (after building the client), as a child process: the node arguments of
 * package.json's start script, so that the browser tests, the crash tests and the benchmark run the server
 * exactly as it is deployed, V8 heap limit included.
 */
import { type ChildProcess, spawn } from 'node:child_process';
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

export interface SpawnedServer {
  child: ChildProcess;
  /** http://127.0.0.1:<port>: loopback only, tests talk to nothing else. */
  url: string;
  /** Output so far (for error messages). */
  log(): string;
  /** Resolves when the process has ended. */
  exited: Promise<void>;
}

/** Starts the server on a free port with `env` added (EHDS_DB, …) and waits until it listens. */
export async function spawnServer(env: Record<string, string>, timeoutMs = 30_000): Promise<SpawnedServer> {
  const child = spawn(process.execPath, SERVER_ARGS, {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in ${timeoutMs / 1000} s:\n${log}`)),
      timeoutMs,
    );
    const onData = (d: Buffer) => {
      log += d;
      const m = /listening on http:\/\/localhost:(\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${log}`)));
  });
  return { child, url, log: () => log, exited };
}
