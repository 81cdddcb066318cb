// The console's Payments in real headless Chromium against the real server
// with the demo data: a client pays an invoice (through the payer API, as
// the widget does); the demo owner finds the payment in Payments (filtered
// by client), refunds part of it with a reason through the confirmation
// step; the client's receipt shows the refund; the CSV download holds both
// rows with the right amounts. Every page: axe-core clean, a screenshot
// build/e2e-artifacts/pages-console-payments-<name>.png, at 1280 px and at
// 320 px (no sideways scrolling).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import { assertAccessiblePage, assertClean } from './helpers/assertions.mjs';
import { newWidgetPage } from './helpers/browser.mjs';
import { startServerAndBrowser } from './helpers/suite.mjs';

let server;
let browser;
let admin;
let cleanup;

before(async () => ({ server, browser, admin, cleanup } = await startServerAndBrowser()));
after(() => cleanup?.());

async function signIn(page) {
  const owner = server.seed.console;
  await page.goto(`${server.baseUrl}/console/login`, { waitUntil: 'load' });
  await page.getByLabel('Email', { exact: true }).fill(owner.email);
  await page.getByLabel('Password', { exact: true }).fill(owner.password);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()]);
}

async function assertFits(page, where) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${where} scrolls sideways by ${overflow}px`);
}

async function click(page, locator) {
  await Promise.all([page.waitForNavigation(), locator.click()]);
}

describe('the practitioner', () => {
  test('sees a payment, refunds part of it with a reason, and the receipt and the CSV show it', async () => {
    const clientName = `Rowan Ellis ${process.pid}`;
    const { invoice, token } = await admin.payableInvoice({ amount: 20000, client: { name: clientName } });
    const payment = await admin.payByLink(token, invoice, 20000, { name: 'Rowan Ellis' });
    assert.equal(payment.status, 'succeeded');

    const page = await newWidgetPage(browser, { width: 1280, height: 900 });
    await signIn(page);
    const nav = page.getByRole('navigation', { name: 'Console' });
    await click(page, nav.getByRole('link', { name: 'Payments', exact: true }));
    await page.getByRole('heading', { level: 1, name: 'Payments' }).waitFor();
    await assertAccessiblePage(page, server, 'console-payments-list');

    // Filter by the client: only their payment is listed.
    await page.getByLabel('Client name or email').fill(clientName);
    await click(page, page.getByRole('button', { name: 'Show payments' }));
    const table = page.getByRole('table', { name: 'Payments, newest first' });
    assert.equal(await table.getByRole('row').count(), 2);  // the header and one payment
    assert.match(await table.innerText(), new RegExp(`${invoice.number}[\\s\\S]*${clientName}[\\s\\S]*\\$200\\.00`));
    await assertAccessiblePage(page, server, 'console-payments-filtered');

    await click(page, table.getByRole('link', { name: /^\$200\.00\W+payment of/ }));
    await page.getByRole('heading', { level: 1, name: 'Payment of $200.00' }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/console/payments/${payment.id}`);
    assert.equal(await page.getByRole('link', { name: invoice.number }).getAttribute('href'), `/console/invoices/${invoice.id}`);
    await assertAccessiblePage(page, server, 'console-payments-payment');

    // Too much first: the form says what to do.
    await page.getByLabel('Amount to refund (USD)').fill('250.00');
    await page.getByLabel('Reason').fill('Session cut short');
    await click(page, page.getByRole('button', { name: 'Review refund' }));
    assert.match(await page.locator('#amount-error').innerText(), /At most \$200\.00 can still be refunded/);
    assert.equal(await page.getByLabel('Amount to refund (USD)').getAttribute('aria-invalid'), 'true');
    await assertAccessiblePage(page, server, 'console-payments-refund-refused');

    await page.getByLabel('Amount to refund (USD)').fill('45.50');
    await page.getByLabel('Reason').fill('Session cut short');
    await click(page, page.getByRole('button', { name: 'Review refund' }));
    await page.getByRole('heading', { level: 1, name: 'Confirm the refund' }).waitFor();
    const preview = page.getByRole('table', { name: 'The refund as the client will see it' });
    assert.match(await preview.innerText(), /Session cut short\s+\$45\.50/);
    assert.match(await page.locator('.fact', { hasText: 'Left to refund after this' }).innerText(), /\$154\.50/);
    await assertAccessiblePage(page, server, 'console-payments-confirm');
    await click(page, page.getByRole('button', { name: 'Confirm refund' }));
    assert.equal(await page.getByRole('status').innerText(), "Refund of $45.50 issued. The client's receipt now shows it.");
    assert.match(await page.locator('.fact', { hasText: 'Status' }).innerText(), /Paid, \$45\.50 refunded/);
    await assertAccessiblePage(page, server, 'console-payments-refunded');

    // A reload of the confirmation post refunds nothing more.
    const view = await admin.invoice(invoice.id);
    assert.deepEqual(view.refunds.map((r) => [r.amount, r.reason]), [[4550, 'Session cut short']]);

    // The client's receipt shows the refund line.
    const receipt = await newWidgetPage(browser, { width: 1280, height: 900 });
    await receipt.goto(`${server.baseUrl}/pay/${token}/receipts/${payment.id}`, { waitUntil: 'load' });
    const refunds = receipt.getByRole('table', { name: 'Refunds' });
    assert.match(await refunds.innerText(), /Session cut short\s+\$45\.50/);
    await assertAccessiblePage(receipt, server, 'console-payments-client-receipt');
    await receipt.context().close();

    // The CSV of the filtered list: the payment and the refund, amounts as decimals.
    await click(page, nav.getByRole('link', { name: 'Payments', exact: true }));
    await page.getByLabel('Client name or email').fill(clientName);
    await click(page, page.getByRole('button', { name: 'Show payments' }));
    const [download] = await Promise.all([page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV of these payments' }).click()]);
    assert.match(download.suggestedFilename(), /^payments-all-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines[0], 'type,date,invoice,client,method,status,amount,currency,payment_id,refund_reason');
    assert.equal(lines.length, 3, csv);
    assert.match(lines[1], new RegExp(`^payment,\\d{4}-\\d\\d-\\d\\dT[\\d:]+Z,${invoice.number},${clientName},Visa •••• 4242,succeeded,200\\.00,USD,${payment.id},$`));
    assert.match(lines[2], new RegExp(`^refund,[^,]+,${invoice.number},${clientName},Visa •••• 4242,refunded,-45\\.50,USD,${payment.id},Session cut short$`));
    await assertClean(page);
    await page.context().close();
  });

  test('the Payments pages fit 320 px', async () => {
    const page = await newWidgetPage(browser, { width: 320, height: 720 });
    await signIn(page);
    await page.goto(`${server.baseUrl}/console/payments`, { waitUntil: 'load' });
    await assertFits(page, 'Payments at 320 px');
    await assertAccessiblePage(page, server, 'console-payments-list-320');
    const first = page.getByRole('table', { name: 'Payments, newest first' }).getByRole('link', { name: /payment of/ }).first();
    await click(page, first);
    await page.getByRole('heading', { level: 1, name: /^Payment of / }).waitFor();
    await assertFits(page, 'a payment at 320 px');
    await assertAccessiblePage(page, server, 'console-payments-payment-320');
    await assertClean(page);
    await page.context().close();
  });
});
