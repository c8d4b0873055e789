/**
 * The real server (server/main.ts) as a child process on loopback, with a session cookie, and its memory
 * as the kernel counts it: VmHWM (peak resident set) from /proc/<pid>/status, which can be reset between
 * phases by writing 5 to /proc/<pid>/clear_refs.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnServer } from '../server-command.ts';

export interface BenchServer {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Output so far (for error messages). */
  log(): string;
  stop(): Promise<void>;
}

export async function startServer(dbFile: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const { child, url, log, exited } = await spawnServer({ EHDS_DB: dbFile, ...env }, 120_000);
  return {
    url,
    pid: child.pid!,
    child,
    log,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Peak and current resident memory of a process, in MB. */
export function memoryOf(pid: number): { peakMb: number; rssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
}

/** Starts a new peak: the kernel sets VmHWM to the current RSS. */
export function resetPeak(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Older kernels or no permission: the peak then counts from the start, which only overstates it.
  }
}

/** Signs in and returns the Cookie header value of the session. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ehds_session='));
  if (!cookie) throw new Error('sign-in set no session cookie');
  return cookie.split(';')[0]!;
}
