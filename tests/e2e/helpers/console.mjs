// The practitioner console (/console) in a browser test: signing in through
// the sign-in form, as a person does, and the 320 px check.
import assert from 'node:assert/strict';

// await consoleSignIn(page, server, email, password): then on `next` (/console).
export async function consoleSignIn(page, server, email, password) {
  await page.goto(`${server.baseUrl}/console/login`, { waitUntil: 'load' });
  await page.getByRole('heading', { level: 1, name: 'Sign in to your practice console' }).waitFor();
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()]);
}

// The page has no horizontal scrollbar at its width (the console works at 320 px).
export async function assertFits(page, where) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${where} scrolls sideways by ${overflow}px`);
}
