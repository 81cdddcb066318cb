// The console's invoices (server/pages/console_invoice_*.cpp) in headless
// Chromium against the real server with the demo data: the demo owner
// writes an invoice with two lines and partial payments (25 % minimum),
// watches the totals follow the typing (web/console/invoice-editor.js ->
// POST /console/invoices/preview), issues and sends it, finds the Pay
// Invoice email in the outbox and opens its link, sees the link on the
// invoice's page, then voids another invoice after the confirm step. Every
// page: axe-core clean, screenshots pages-console-invoice-*.png at 1280 and
// 320 px, no sideways scrolling at 320 px.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { assertAccessiblePage } from './helpers/assertions.mjs';
import { newWidgetPage } from './helpers/browser.mjs';
import { outboxDir, parseEml, payInvoiceLink } from './helpers/pages.mjs';
import { startServerAndBrowser } from './helpers/suite.mjs';

let server;
let browser;
let admin;
let cleanup;

before(async () => ({ server, browser, admin, cleanup } = await startServerAndBrowser()));
after(() => cleanup?.());

function emails() {
  let names = [];
  try { names = readdirSync(outboxDir(server)); } catch { return []; }
  return names.filter((n) => n.endsWith('.eml')).map((n) => path.join(outboxDir(server), n));
}

async function assertFits(page, where) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${where} scrolls sideways by ${overflow}px`);
}

// axe and a screenshot at 1280 px, then at 320 px (fits), back to 1280.
async function auditBothWidths(page, name) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await assertAccessiblePage(page, server, `${name}-1280`);
  await page.setViewportSize({ width: 320, height: 800 });
  await assertFits(page, name);
  await assertAccessiblePage(page, server, `${name}-320`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function signIn(page) {
  const owner = server.seed.console;
  assert.ok(owner, 'the demo seed prints the console login');
  await page.goto(`${server.baseUrl}/console/login`, { waitUntil: 'load' });
  await page.getByLabel('Email', { exact: true }).fill(owner.email);
  await page.getByLabel('Password', { exact: true }).fill(owner.password);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()]);
}

describe('the owner', () => {
  let page;
  before(async () => {
    page = await newWidgetPage(browser, { width: 1280, height: 900 });
    await signIn(page);
  });
  after(async () => { await page?.context().close(); });

  test('writes an invoice with live totals, issues and sends it, and the email link opens it', async () => {
    await page.goto(`${server.baseUrl}/console/invoices`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: 'Invoices' }).waitFor();
    await auditBothWidths(page, 'console-invoice-list');
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'New invoice' }).click()]);
    await page.getByRole('heading', { level: 1, name: 'New invoice' }).waitFor();

    // A client without a portal account: the email's link opens the invoice
    // itself (an activated account's link asks to sign in first).
    const client = await admin.createClient({ name: 'Jordan Ellis' });
    assert.equal(client.portal_activated, false);
    await page.reload({ waitUntil: 'load' });
    await page.getByLabel('Client', { exact: true }).selectOption({ label: `Jordan Ellis (${client.email})` });
    await page.getByLabel('Currency', { exact: true }).fill('USD');
    const line1 = page.getByRole('group', { name: 'Line 1' });
    await line1.getByLabel('Description').fill('Initial assessment');
    await line1.getByLabel('Quantity').fill('2');
    await line1.getByLabel('Unit price').fill('120.00');
    await line1.getByLabel('Tax on this line').fill('9.60');
    // "Add line" is a plain submit: the server answers with two lines.
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Add line' }).click()]);
    const line2 = page.getByRole('group', { name: 'Line 2' });
    await line2.getByLabel('Description').fill('Written report');
    await line2.getByLabel('Unit price').fill('45.50');
    await page.getByLabel('Discount on the whole invoice').fill('10.00');
    await page.getByLabel('Allow partial payments (at most two payments)').check();
    await page.getByLabel('A percentage of the balance').check();
    await page.getByLabel('Percentage', { exact: true }).fill('25');

    // Live: the region follows the typing, no button pressed.
    const totals = page.getByRole('region', { name: 'Totals' });
    await totals.getByText('$285.10').waitFor({ timeout: 10000 });
    assert.match(await totals.innerText(), /Subtotal\s*\$285\.50/);
    assert.match(await totals.innerText(), /Tax\s*\$9\.60/);
    assert.match(await totals.innerText(), /Minimum first payment\s*\$71\.28/);
    await auditBothWidths(page, 'console-invoice-editor');

    // A mistake is named at its input, with what to do.
    await line2.getByLabel('Unit price').fill('45.505');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Update totals' }).click()]);
    const alert = page.getByRole('alert');
    assert.match(await alert.innerText(), /Correct the fields below/);
    assert.equal(await page.getByRole('group', { name: 'Line 2' }).getByLabel('Unit price').getAttribute('aria-invalid'), 'true');
    await auditBothWidths(page, 'console-invoice-editor-error');
    await page.getByRole('group', { name: 'Line 2' }).getByLabel('Unit price').fill('45.50');

    const before = new Set(emails());
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Issue and send' }).click()]);
    const heading = await page.getByRole('heading', { level: 1 }).innerText();
    assert.match(heading, /^Invoice INV-\d+/);
    assert.equal(await page.getByRole('status').first().innerText(), 'The invoice was issued and emailed to the client.');
    const fresh = emails().filter((f) => !before.has(f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    assert.equal(fresh.length, 1, 'one email went out');
    const url = payInvoiceLink(parseEml(readFileSync(fresh[0], 'latin1')));
    const links = page.getByRole('table', { name: /Pay links/ });
    assert.equal(await links.getByRole('cell', { name: 'Active' }).count(), 1);
    await auditBothWidths(page, 'console-invoice-page');

    const payer = await newWidgetPage(browser, { width: 1024, height: 900 });
    const answer = await payer.goto(url, { waitUntil: 'load' });
    assert.equal(answer.status(), 200);
    await payer.getByRole('heading', { level: 1, name: heading.replace(/\s*(Open|Paid|Void).*$/, '') }).waitFor();
    await payer.context().close();
  });

  test('makes a pay link to copy, then voids another invoice after the confirm step', async () => {
    await page.goto(`${server.baseUrl}/console/invoices?status=open`, { waitUntil: 'load' });
    const first = page.getByRole('table', { name: /Invoices/ }).getByRole('link').first();
    const number = (await first.innerText()).trim();
    await Promise.all([page.waitForNavigation(), first.click()]);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Create a pay link to copy' }).click()]);
    const field = page.getByLabel('Pay link', { exact: true });
    assert.match(await field.inputValue(), /\/pay\/[A-Za-z0-9_-]{22,}$/);
    await page.getByRole('button', { name: 'Copy link' }).waitFor();  // shown by the script
    await auditBothWidths(page, 'console-invoice-link');

    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Void this invoice' }).click()]);
    await page.getByRole('heading', { level: 1, name: `Void invoice ${number}?` }).waitFor();
    await auditBothWidths(page, 'console-invoice-void');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: `Void invoice ${number}` }).click()]);
    assert.equal(await page.getByRole('status').first().innerText(), 'The invoice is void.');
    assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Void/);
  });
});
