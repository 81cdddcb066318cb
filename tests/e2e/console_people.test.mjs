// The console's people (server/pages/console_client_pages.cpp,
// console_users_pages.cpp) in real headless Chromium against the real server
// with the demo data:
//   * the demo owner adds a client, finds them by search, emails them a
//     portal invitation (the link goes to the outbox, never to the page),
//     and removes the demo portal client's saved card with the client's
//     reason, which Activity then shows;
//   * the owner invites a staff user on the Users page; the invitation
//     email is read from the outbox; the staff user chooses a password on
//     the set-password page, is signed in, has no Settings link, and
//     Settings is "Page not found"; the link does not work a second time.
// Every page: screenshot build/e2e-artifacts/pages-console-people-<name>.png
// at 1280 and 320 px, no axe-core violation, nothing refused by the CSP,
// and no sideways scrolling at 320 px.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { assertAccessiblePage, assertClean } from './helpers/assertions.mjs';
import { newWidgetPage } from './helpers/browser.mjs';
import { assertFits, consoleSignIn } from './helpers/console.mjs';
import { outboxDir, parseEml } from './helpers/pages.mjs';
import { startServerAndBrowser } from './helpers/suite.mjs';

let server;
let browser;
let cleanup;

before(async () => ({ server, browser, cleanup } = await startServerAndBrowser()));
after(() => cleanup?.());

const pathOf = (page) => new URL(page.url()).pathname;
const WIDTHS = [1280, 320];

async function submit(page, name) {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
}

// The page at each width: no sideways scrolling, a screenshot, axe clean.
async function auditAtWidths(page, name, widths = WIDTHS) {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    await assertAccessiblePage(page, server, `console-people-${name}-${width}`);
    await assertFits(page, `${name} at ${width} px`);
  }
}

function emlFiles() {
  try {
    return readdirSync(outboxDir(server)).filter((n) => n.endsWith('.eml')).map((n) => path.join(outboxDir(server), n));
  } catch { return []; }
}

// The one .eml written since `before` (a Set of paths), parsed.
function newMail(beforeFiles) {
  const fresh = emlFiles().filter((f) => !beforeFiles.has(f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  assert.equal(fresh.length, 1, `one new email in the outbox (found ${fresh.length})`);
  return parseEml(readFileSync(fresh[0], 'latin1'));
}

describe('the owner and their clients', () => {
  test('adds a client, finds them, emails a portal invitation and removes a saved card with a reason', async () => {
    const page = await newWidgetPage(browser, { width: 1280, height: 900 });
    const owner = server.seed.console;
    await consoleSignIn(page, server, owner.email, owner.password);
    const nav = page.getByRole('navigation', { name: 'Console' });
    await Promise.all([page.waitForNavigation(), nav.getByRole('link', { name: 'Clients', exact: true }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    await auditAtWidths(page, 'clients');

    // A new client: a bad email first (said at the field), then right.
    await page.setViewportSize({ width: 1280, height: 900 });
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'New client' }).click()]);
    await page.getByRole('heading', { level: 1, name: 'New client' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Jordan Example');
    await page.getByLabel('Email', { exact: true }).fill('jordan.example@');
    // The browser's own check would stop the post: let the server's speak.
    await page.locator('main form').evaluate((f) => { f.noValidate = true; });
    await submit(page, 'Add client');
    assert.match(await page.getByRole('alert').innerText(), /^The client was not added: /);
    assert.equal(await page.getByLabel('Email', { exact: true }).getAttribute('aria-invalid'), 'true');
    await auditAtWidths(page, 'new-client-error');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel('Email', { exact: true }).fill('jordan.example@mail.example');
    await page.getByLabel('Phone (optional)').fill('+1 555 0142');
    await submit(page, 'Add client');
    await page.getByRole('heading', { level: 1, name: 'Jordan Example' }).waitFor();
    assert.equal(await page.getByRole('status').innerText(), 'The client was added.');
    assert.match(await page.getByRole('region', { name: 'Client portal' }).innerText(), /Not invited\./);

    // The portal invitation goes by email; the page says so, shows no link.
    const before = new Set(emlFiles());
    await submit(page, 'Email a portal invitation');
    assert.equal(await page.getByRole('status').innerText(), 'The portal invitation was emailed to the client.');
    assert.match(await page.getByRole('region', { name: 'Client portal' }).innerText(), /Invited on /);
    const invite = newMail(before);
    assert.match(invite.headers.to, /jordan\.example@mail\.example/);
    const token = /\/portal\/invite#token=([A-Za-z0-9_-]+)/.exec(invite.parts.find((p) => p.type === 'text/plain').text)?.[1];
    assert.ok(token, 'the email links to the portal invitation');
    assert.equal((await page.content()).includes(token), false, 'the link is never shown in the console');
    await auditAtWidths(page, 'client');

    // Search: by part of the email, any case; nothing found says so.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.baseUrl}/console/clients`, { waitUntil: 'load' });
    await page.getByLabel('Search by name or email').fill('JORDAN.EXAMPLE@');
    await submit(page, 'Search');
    const results = page.getByRole('table', { name: 'Clients' });
    assert.equal(await results.getByRole('row').count(), 2);  // the header and Jordan
    await results.getByRole('link', { name: 'Jordan Example' }).waitFor();
    await page.getByLabel('Search by name or email').fill('nobody-by-this-name');
    await submit(page, 'Search');
    assert.match(await page.getByText(/No client matches/).innerText(), /No client matches “nobody-by-this-name”/);
    await auditAtWidths(page, 'clients-no-match');

    // The demo portal client's saved card, removed at their request.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel('Search by name or email').fill(server.seed.portal.email);
    await submit(page, 'Search');
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Sam Rivera' }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Sam Rivera' }).waitFor();
    const cards = page.getByRole('region', { name: 'Saved cards' });
    const remove = cards.getByRole('button', { name: 'Remove Visa •••• 4242' });
    await remove.waitFor();
    // Without a reason: the server refuses and says what to do.
    await cards.locator('form').first().evaluate((f) => { f.noValidate = true; });
    await Promise.all([page.waitForNavigation(), remove.click()]);
    assert.equal(await page.getByRole('alert').innerText(), 'Write what the client asked for, then remove the card.');
    await auditAtWidths(page, 'card-reason-missing');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel(/Why is Visa •••• 4242 removed/).fill('Sam phoned: the card was lost');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Remove Visa •••• 4242' }).click()]);
    assert.equal(await page.getByRole('status').innerText(), 'The card was removed, and the reason was written to Activity.');
    assert.equal(await page.getByRole('region', { name: 'Saved cards' }).innerText().then((t) => t.includes('No saved cards.')), true);

    await Promise.all([page.waitForNavigation(), nav.getByRole('link', { name: 'Activity', exact: true }).click()]);
    const rows = await page.getByRole('table', { name: 'Activity, newest first' }).getByRole('row').allInnerTexts();
    const removed = rows.findIndex((t) => t.includes("Removed Visa •••• 4242 from Sam Rivera's saved cards. Reason: Sam phoned: the card was lost"));
    const invited = rows.findIndex((t) => t.includes('Emailed a portal invitation to Jordan Example'));
    const added = rows.findIndex((t) => t.includes('Added client Jordan Example (jordan.example@mail.example)'));
    assert.ok(removed > 0 && invited > removed && added > invited, rows.join('\n'));
    assert.ok(rows[removed].includes('Maya Chen'));
    assert.ok(rows.some((t) => t.includes('Maya Chen') && t.includes('Signed in')), 'the sign-in is in Activity');
    // Activity (console_home_pages.cpp, not these pages) is audited at 1280 px only: at 320 px its table
    // is wider than the screen (its instants do not wrap), which is that page's to fix.
    await auditAtWidths(page, 'activity', [1280]);
    await assertClean(page);
    await page.context().close();
  });
});

describe('a staff user invited by the owner', () => {
  test('reads the email, sets a password, is signed in, and has no Settings', async () => {
    const page = await newWidgetPage(browser, { width: 1280, height: 900 });
    const owner = server.seed.console;
    await consoleSignIn(page, server, owner.email, owner.password);
    const nav = page.getByRole('navigation', { name: 'Console' });
    await Promise.all([page.waitForNavigation(), nav.getByRole('link', { name: 'Users', exact: true }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await auditAtWidths(page, 'users');

    await page.setViewportSize({ width: 1280, height: 900 });
    const email = `riley.${process.pid}@harborwellness.example`;
    const before = new Set(emlFiles());
    await page.getByLabel('Name', { exact: true }).fill('Riley Staff');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Role').selectOption('staff');
    await submit(page, 'Send invitation');
    assert.equal(await page.getByRole('status').innerText(), 'The invitation was emailed.');
    const pending = page.getByRole('table', { name: 'Pending invitations' });
    assert.match(await pending.innerText(), new RegExp(email.replace(/\./g, '\\.')));
    await pending.getByRole('button', { name: `Revoke the invitation of ${email}` }).waitFor();
    await auditAtWidths(page, 'users-invited');

    const mail = newMail(before);
    assert.match(mail.headers.to, new RegExp(email.replace(/\./g, '\\.')));
    const text = mail.parts.find((p) => p.type === 'text/plain').text;
    const link = /(http:\/\/\S+\/console\/invitation\?token=[A-Za-z0-9_-]+)/.exec(text)?.[1];
    assert.ok(link, `the email carries the set-password link:\n${text}`);
    await page.context().close();

    // The invited person, in a browser of their own.
    const staff = await newWidgetPage(browser, { width: 1280, height: 900 });
    await staff.goto(link, { waitUntil: 'load' });
    await staff.getByRole('heading', { level: 1, name: 'Welcome, Riley Staff' }).waitFor();
    await auditAtWidths(staff, 'invitation');
    await staff.setViewportSize({ width: 320, height: 800 });
    await staff.getByLabel('New password').fill('riley-password-1');
    await staff.getByLabel('Repeat the password').fill('riley-password-2');
    await submit(staff, 'Set password and sign in');
    assert.equal(await staff.getByRole('alert').innerText(), 'The two passwords are not the same. Type the same password twice.');
    await auditAtWidths(staff, 'invitation-mismatch');
    await staff.setViewportSize({ width: 320, height: 800 });
    await staff.getByLabel('New password').fill('riley-password-1');
    await staff.getByLabel('Repeat the password').fill('riley-password-1');
    await submit(staff, 'Set password and sign in');
    assert.equal(pathOf(staff), '/console');
    await staff.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    const staffNav = staff.getByRole('navigation', { name: 'Console' });
    assert.equal(await staffNav.getByRole('link', { name: 'Clients', exact: true }).count(), 1);
    assert.equal(await staffNav.getByRole('link', { name: 'Settings', exact: true }).count(), 0);
    assert.equal(await staffNav.getByRole('link', { name: 'Users', exact: true }).count(), 0);
    await auditAtWidths(staff, 'staff-home');
    const r = await staff.goto(`${server.baseUrl}/console/settings`, { waitUntil: 'load' });
    assert.equal(r.status(), 404);
    await staff.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();

    // Signed out, the link does not work again; the password does.
    await staff.goto(`${server.baseUrl}/console`, { waitUntil: 'load' });
    await Promise.all([staff.waitForNavigation(), staffNav.getByRole('button', { name: 'Sign out' }).click()]);
    await staff.goto(link, { waitUntil: 'load' });
    await staff.getByRole('heading', { level: 1, name: 'This invitation was already used' }).waitFor();
    assert.equal(await staff.getByRole('alert').innerText(), 'This invitation was already used; sign in with your email and password.');
    await auditAtWidths(staff, 'invitation-used');
    await consoleSignIn(staff, server, email, 'riley-password-1');
    assert.equal(pathOf(staff), '/console');
    await assertClean(staff);
    await staff.context().close();
  });
});
