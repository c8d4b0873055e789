/**
 * Until the harness has `signIn(page, role)` (sign-in is being added in its own change), the versions
 * and export suites sign in by themselves: as the first administrator (created from EHDS_ADMIN_EMAIL and
 * EHDS_ADMIN_PASSWORD), who creates a user of any other role the test asks for. When the harness has
 * `signIn`, it is used instead and this file can go.
 */
import type { Page } from 'playwright-core';
import * as harness from './harness.ts';

type SignIn = (page: Page, role: string) => Promise<unknown>;
const harnessSignIn = (harness as unknown as { signIn?: SignIn }).signIn;

const PASSWORD = 'versjoner og eksport 2025';
const ADMIN = { email: 'admin@versions.test', password: PASSWORD };

/** Extra environment for `startServer`: the first administrator, unless the harness signs in by itself. */
export const serverEnv = (): Record<string, string> =>
  harnessSignIn ? {} : { EHDS_ADMIN_EMAIL: ADMIN.email, EHDS_ADMIN_PASSWORD: ADMIN.password };

async function login(page: Page, url: string, credentials: { email: string; password: string }) {
  const res = await page.request.post(`${url}/api/auth/login`, { data: credentials });
  if (!res.ok()) throw new Error(`sign-in as ${credentials.email} failed: ${res.status()} ${await res.text()}`);
}

/** Signs the page's browser context in as `role`. */
export async function signInAs(page: Page, url: string, role: string): Promise<void> {
  if (harnessSignIn) {
    await harnessSignIn(page, role);
    return;
  }
  await login(page, url, ADMIN);
  if (role === 'admin') return;
  const user = { email: `${role.replace('_', '-')}@versions.test`, password: PASSWORD };
  const created = await page.request.post(`${url}/api/users`, {
    data: { ...user, name: `Test ${role}`, role },
  });
  if (!created.ok() && created.status() !== 409) {
    throw new Error(`creating a ${role} failed: ${created.status()} ${await created.text()}`);
  }
  await login(page, url, user);
}
