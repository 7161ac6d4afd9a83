import type { Page } from 'playwright-core';

/** A password the strength check accepts, for accounts the tests sign in to. */
export const CHOSEN_PASSWORD = 'quiet-ribbon-canyon-41';

/**
 * Signs a local user in with the one-time password they were given, which leads straight to
 * choosing their own; returns once the browser is where `next` (default /admin) pointed.
 */
export async function signInWithOneTimePassword(page: Page, portalUrl: string, login: string, oneTimePassword: string, options: { next?: string; password?: string } = {}): Promise<string> {
  const next = options.next ?? '/admin';
  await page.goto(`${portalUrl}/signin?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Password').fill(oneTimePassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${portalUrl}/admin/password?next=${encodeURIComponent(next)}`);
  const password = options.password ?? CHOSEN_PASSWORD;
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('New password again').fill(password);
  await page.getByRole('button', { name: 'Choose password' }).click();
  await page.waitForURL(`${portalUrl}${next}`);
  return password;
}
