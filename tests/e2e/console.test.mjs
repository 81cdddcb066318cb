// The practitioner console (server/pages/console_*.cpp) in real headless
// Chromium against the real server with the demo data: the demo owner signs
// in, sees Home, changes a setting, creates an API key (shown once) and
// revokes it, and finds all three in Activity; a staff user (made with
// `server practitioner create --practice … --role staff`) has no Settings
// link and gets "Page not found" when opening it directly. Every page: a
// screenshot build/e2e-artifacts/pages-console-<name>.png, no axe-core
// violation, nothing refused by the CSP, and it works at 320 px.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { assertAccessiblePage, assertClean } from './helpers/assertions.mjs';
import { newWidgetPage } from './helpers/browser.mjs';
import { assertFits, consoleSignIn } from './helpers/console.mjs';
import { serverBin } from './helpers/server.mjs';
import { startServerAndBrowser } from './helpers/suite.mjs';

let server;
let browser;
let cleanup;

before(async () => ({ server, browser, cleanup } = await startServerAndBrowser()));
after(() => cleanup?.());

const pathOf = (page) => new URL(page.url()).pathname;

describe('the owner', () => {
  test('signs in, sees Home, changes a setting, creates and revokes an API key, and sees it all in Activity', async () => {
    const page = await newWidgetPage(browser, { width: 1024, height: 900 });
    const owner = server.seed.console;
    assert.ok(owner, 'the demo seed prints the console login');

    await page.goto(`${server.baseUrl}/console/login`, { waitUntil: 'load' });
    await assertAccessiblePage(page, server, 'console-login');

    // A wrong password: told by the form, still signed out.
    await page.getByLabel('Email', { exact: true }).fill(owner.email);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password-1');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()]);
    assert.equal(await page.getByRole('alert').innerText(), 'The email or password is not right.');
    await assertAccessiblePage(page, server, 'console-login-wrong');

    await consoleSignIn(page, server, owner.email, owner.password);
    assert.equal(pathOf(page), '/console');
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Console' });
    for (const name of ['Home', 'Clients', 'Invoices', 'Payments', 'Activity', 'Settings'])
      assert.equal(await nav.getByRole('link', { name, exact: true }).count(), 1, name);
    // The demo's open invoices, per currency, formatted as everywhere else.
    const due = page.locator('.fact', { hasText: 'Money due' });
    assert.match(await due.innerText(), /\$[0-9,]+\.\d\d/);
    assert.match(await due.innerText(), /CA\$[0-9,]+\.\d\d/);
    await assertAccessiblePage(page, server, 'console-home');

    for (const [name, heading] of [['Clients', 'Clients'], ['Invoices', 'Invoices'], ['Payments', 'Payments']]) {
      await Promise.all([page.waitForNavigation(), nav.getByRole('link', { name, exact: true }).click()]);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await assertAccessiblePage(page, server, `console-${name.toLowerCase()}`);
    }

    // Settings: clients may no longer remove saved cards.
    await Promise.all([page.waitForNavigation(), nav.getByRole('link', { name: 'Settings', exact: true }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const snippet = await page.getByLabel('Embed code').innerText();
    assert.match(snippet, /PayWidget\.mount\('#pay'/);
    assert.match(snippet, /practice: 'prc_demo_harbor'/);
    assert.ok(snippet.includes(`${server.baseUrl}/pay-widget.js`));
    await assertAccessiblePage(page, server, 'console-settings');
    const removal = page.getByRole('checkbox', { name: 'Clients may remove their saved cards' });
    assert.equal(await removal.isChecked(), true);
    await removal.uncheck();
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save settings' }).click()]);
    assert.equal(await page.getByRole('status').innerText(), 'Settings saved.');
    assert.equal(await page.getByRole('checkbox', { name: 'Clients may remove their saved cards' }).isChecked(), false);
    const stored = await server.api('/api/v1/admin/settings', { headers: { Authorization: `Bearer ${server.adminKey}` } });
    assert.equal(stored.json.allow_saved_method_removal, false);

    // API keys: a new key is shown once and works; revoked, it stops.
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Manage API keys' }).click()]);
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
    await page.getByLabel('Key name', { exact: true }).fill('Bookkeeping export');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Create key' }).click()]);
    const key = (await page.getByLabel('New API key').innerText()).trim();
    assert.match(key, /^pwk_[A-Za-z0-9_-]{43}$/);
    await assertAccessiblePage(page, server, 'console-api-key-created');
    const withKey = () => server.api('/api/v1/admin/settings', { headers: { Authorization: `Bearer ${key}` } });
    assert.equal((await withKey()).status, 200);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Revoke Bookkeeping export' }).click()]);
    assert.equal(await page.getByRole('status').innerText(), 'The key was revoked.');
    assert.equal(await page.getByText(key).count(), 0);  // never shown again
    assert.equal((await withKey()).status, 401);
    await assertAccessiblePage(page, server, 'console-api-keys');

    await Promise.all([page.waitForNavigation(), nav.getByRole('link', { name: 'Activity', exact: true }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Activity' }).waitFor();
    const rows = page.getByRole('table', { name: 'Activity, newest first' }).getByRole('row');
    const texts = await rows.allInnerTexts();
    const revoked = texts.findIndex((t) => t.includes('Revoked API key "Bookkeeping export"'));
    const created = texts.findIndex((t) => t.includes('Created API key "Bookkeeping export"'));
    const changed = texts.findIndex((t) => t.includes('Changed card removal by clients'));
    assert.ok(revoked > 0 && created > revoked && changed > created, texts.join('\n'));
    assert.ok(texts[revoked].includes('Maya Chen'));
    await assertAccessiblePage(page, server, 'console-activity');

    // Signing out ends the session: the console asks for a sign-in again.
    await Promise.all([page.waitForNavigation(), nav.getByRole('button', { name: 'Sign out' }).click()]);
    assert.equal(pathOf(page), '/console/login');
    assert.equal(await page.getByRole('status').innerText(), 'You are signed out.');
    await page.goto(`${server.baseUrl}/console`, { waitUntil: 'load' });
    assert.equal(pathOf(page), '/console/login');
    await assertClean(page);
    await page.context().close();
  });
});

describe('a staff user', () => {
  test('has no Settings, and opening it directly finds no page; the console fits 320 px', async () => {
    const email = 'sam.staff@harborwellness.example';
    const password = 'staff-password-1';
    execFileSync(serverBin, ['practitioner', 'create', '--practice', 'prc_demo_harbor', '--role', 'staff',
      '--email', email, '--name', 'Sam Staff', '--db', path.join(server.dataDir, 'paywidget.db')],
    { env: { ...process.env, PAYWIDGET_PRACTITIONER_PASSWORD: password }, stdio: 'pipe' });

    const page = await newWidgetPage(browser, { width: 320, height: 720 });
    await consoleSignIn(page, server, email, password);
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Console' });
    assert.equal(await nav.getByRole('link', { name: 'Activity', exact: true }).count(), 1);
    assert.equal(await nav.getByRole('link', { name: 'Settings', exact: true }).count(), 0);
    await assertFits(page, 'Home at 320 px');
    await assertAccessiblePage(page, server, 'console-staff-home-320');

    for (const p of ['/console/settings', '/console/api-keys']) {
      const r = await page.goto(`${server.baseUrl}${p}`, { waitUntil: 'load' });
      assert.equal(r.status(), 404, p);
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    }
    await assertAccessiblePage(page, server, 'console-staff-settings-404');

    // Keyboard: the skip link then the navigation, in order.
    await page.goto(`${server.baseUrl}/console`, { waitUntil: 'load' });
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Home');
    await assertClean(page);
    await page.context().close();
  });
});
