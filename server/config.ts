/** Configuration from the environment, read in one place. */
import { passwordProblem } from './lib/passwords.ts';

export interface Config {
  port: number;
  dbFile: string;
  /** Seed an empty database on start (`EHDS_SEED`, default true); false leaves it empty for a snapshot import. */
  seed: boolean;
  /** The first administrator, created on a database without users (EHDS_ADMIN_EMAIL, EHDS_ADMIN_PASSWORD). */
  adminEmail?: string;
  adminPassword?: string;
  /** EHDS_TRUST_PROXY=1: behind a reverse proxy, take the client address from X-Forwarded-For. */
  trustProxy: boolean;
}

const YES = ['', 'true', '1', 'yes', 'on'];
const NO = ['false', '0', 'no', 'off'];

function readSeed(value: string | undefined): boolean {
  const v = (value ?? '').trim().toLowerCase();
  if (YES.includes(v)) return true;
  if (NO.includes(v)) return false;
  throw new Error(`EHDS_SEED must be true or false, got «${value}»`);
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got «${env.PORT}»`);
  const adminPassword = env.EHDS_ADMIN_PASSWORD || undefined;
  const problem = adminPassword === undefined ? null : passwordProblem(adminPassword);
  if (problem) throw new Error(`EHDS_ADMIN_PASSWORD: ${problem}`);
  return {
    port,
    dbFile: env.EHDS_DB || './data/ehds.db',
    seed: readSeed(env.EHDS_SEED),
    adminEmail: env.EHDS_ADMIN_EMAIL || undefined,
    adminPassword,
    trustProxy: ['1', 'true', 'yes', 'on'].includes((env.EHDS_TRUST_PROXY ?? '').trim().toLowerCase()),
  };
}
