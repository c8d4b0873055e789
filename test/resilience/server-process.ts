/** The real server as a child process on a database file of the test's choosing, to kill and restart. */
import type { ChildProcess } from 'node:child_process';
import { spawnServer } from '../server-command.ts';

/** The administrator every test server starts with (created on a database without users). */
export const ADMIN = { email: 'admin@resilience.example', password: 'resilience-admin-password' };

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** The session cookie of the administrator, signed in at start. */
  cookie: string;
  /** SIGKILL: no shutdown handler runs, as in a power cut or an OOM kill. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export async function startServerProcess(dbFile: string): Promise<ServerProcess> {
  const { child, url, exited } = await spawnServer({
    EHDS_DB: dbFile,
    EHDS_ADMIN_EMAIL: ADMIN.email,
    EHDS_ADMIN_PASSWORD: ADMIN.password,
  });
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  return {
    url,
    child,
    cookie,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
