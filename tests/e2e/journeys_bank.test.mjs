// A bank debit (ACH) through the widget against the real server: the
// account form, the debit authorization from the API, and a confirmation
// that says the debit is processing, which the admin API confirms. The
// server runs with a one-hour settlement delay so the debit stays
// "processing" until the test settles it (POST /api/v1/test/settle).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { assertAccessibleScreen, assertClean } from './helpers/assertions.mjs';
import {
  field, mirror, newWidgetPage, nextPaymentResponse, openWidget, press, screenshot, settleFrames, waitForFocus,
  waitForStage,
} from './helpers/browser.mjs';
import { repoRoot } from './helpers/server.mjs';
import { startServerAndBrowser } from './helpers/suite.mjs';
import { SUBMIT_PAYMENT, usd } from './helpers/values.mjs';

let server;
let browser;
let admin;
let cleanup;

before(async () => ({ server, browser, admin, cleanup } = await startServerAndBrowser({ server: { settleDelaySeconds: 3600 } })));
after(() => cleanup?.());

// The ACH account that settles, from server/processor/README.md's table
// ("| ACH | routing 110000000, account 000123456789 | settles |").
function settlingAchAccount() {
  const text = readFileSync(path.join(repoRoot, 'server', 'processor', 'README.md'), 'utf8');
  const m = /\| ACH \| routing (\d{9}), account (\d+) \| settles \|/.exec(text);
  if (!m) throw new Error('e2e: no settling ACH test account in server/processor/README.md');
  return { routing: m[1], account: m[2] };
}

test('an ACH debit with the authorization accepted is submitted and shown as processing', async () => {
  const link = server.link(/bank debit \(ACH\) only/);
  const view = (await server.api(`/api/v1/links/${link.token}`)).json;
  const mandate = view.mandates.find((m) => m.scheme === 'ach');
  assert.ok(mandate, 'the API gives the ACH authorization text');
  const { routing, account } = settlingAchAccount();

  const page = await newWidgetPage(browser);
  try {
    await openWidget(page, server, link.token);
    await waitForStage(page, 'review');
    await press(page.getByRole('button', { name: 'Pay Now', exact: true }));
    // Full balance only and one method: straight to the bank form.
    await waitForStage(page, 'details');
    await page.getByRole('heading', { level: 2, name: 'US bank account (ACH)', exact: true }).waitFor();
    // Checked at the end, so a focus problem does not hide the rest.
    const focusedFirst = await waitForFocus(page, 'textbox Account holder name');
    assert.equal(await mirror(page).getByText(mandate.text, { exact: true }).count(), 1,
      'the authorization text exactly as the API sent it');

    await field(page, 'Account holder name').fill('Taylor Brooks');
    await field(page, 'Routing number').fill(routing);
    await field(page, 'Account number').fill(account);
    // The mirror shows the last frame drawn: wait for the ones the typing
    // asked for (read at once, the reason could still be the account number).
    await settleFrames(page);
    assert.equal(await page.getByRole('radio', { name: 'Checking', exact: true }).isChecked(), true);
    const submit = page.getByRole('button', { name: SUBMIT_PAYMENT });
    const consent = page.getByRole('checkbox', { name: 'I authorize this debit', exact: true });
    assert.equal(await consent.isChecked(), false, 'the authorization starts unticked');
    assert.equal(await submit.isDisabled(), true, 'no debit without the authorization');
    // The disabled button says why, also to a screen reader (aria-describedby).
    const reason = await submit.getAttribute('aria-describedby');
    assert.equal(await page.locator(`[id="${reason}"]`).textContent(), 'Accept the debit authorization to pay.');
    await press(consent);
    await page.waitForFunction((pattern) => {
      const b = [...document.querySelectorAll('#pw-overlay button')].find((e) => new RegExp(pattern).test(e.textContent));
      return b && !b.disabled && !b.hasAttribute('aria-describedby');
    }, SUBMIT_PAYMENT.source, { timeout: 5000 });
    assert.equal(await consent.isChecked(), true);
    await assertAccessibleScreen(page, 'bank');

    const responseP = nextPaymentResponse(page);
    await press(submit);
    const response = await (await responseP).json();
    assert.equal(response.payment.status, 'processing', JSON.stringify(response.payment));
    await waitForStage(page, 'succeeded');
    await page.getByRole('heading', { level: 1, name: 'Bank debit submitted', exact: true }).waitFor();
    const says = await mirror(page).getByText(`Your bank debit of ${usd(response.payment.amount)}`, { exact: false })
      .textContent();
    assert.match(says, /is processing/, 'the confirmation says the debit is processing');
    // What is true until the bank settles: submitted, not paid; when; reserved; and what a return means.
    assert.match(says, /usually settles within 4 business days/, 'ACH: the core\'s settlement days');
    assert.match(says, /reserved for this invoice, so nothing more is due now/);
    assert.match(says, /If your bank returns the debit, the amount is due again/);
    assert.equal(await mirror(page).getByText(`Debited from: US bank account \u2022\u2022\u2022\u2022 ${account.slice(-4)}`,
      { exact: true }).count(), 1);
    assert.equal(await mirror(page).getByText(`Amount submitted: ${usd(view.invoice.balance)}`, { exact: true }).count(), 1);
    assert.equal(await mirror(page).getByText('Status: Processing', { exact: true }).count(), 1);
    assert.equal(await mirror(page).getByText('Amount paid', { exact: false }).count(), 0, 'not "Amount paid" before it settles');
    // Not "paid in full" while the bank has not settled.
    assert.equal(await mirror(page).getByText('This invoice is now paid in full', { exact: false }).count(), 0);
    await page.getByRole('status').filter({ hasText: 'processing' }).waitFor({ timeout: 5000 });
    await assertAccessibleScreen(page, 'bank-processing');
    await assertClean(page, { failedRequests: [] });
    assert.equal(focusedFirst, 'textbox Account holder name', 'the first field of the bank form takes focus');
  } finally {
    await page.context().close();
  }

  // Opened again while the debit is processing, the widget says so: nothing
  // is due, but the invoice is not paid ("Processing", not "Paid").
  const again = await newWidgetPage(browser);
  try {
    await openWidget(again, server, link.token);
    await waitForStage(again, 'nothing_due');
    await again.getByRole('heading', { level: 2, name: 'Bank debit processing', exact: true }).waitFor();
    assert.equal(await again.getByRole('heading', { name: 'This invoice is paid', exact: true }).count(), 0);
    assert.equal(await mirror(again).getByText('Status: Processing', { exact: true }).count(), 1, 'the widget\'s pill');
    assert.equal(await mirror(again).getByText('Status: Paid', { exact: true }).count(), 0);
    assert.equal(await mirror(again).getByText(`Processing (bank debit, not yet settled): ${usd(view.invoice.balance)}`,
      { exact: true }).count(), 1);
    assert.equal(await mirror(again).getByText(`Amount paid: ${usd(0)}`, { exact: true }).count(), 1);
    await screenshot(again, 'widget-bank-processing-revisit');
    await assertClean(again, { failedRequests: [] });
  } finally {
    await again.context().close();
  }

  // The email link's page says the same while the debit is processing,
  // not "This invoice is paid": its status pill reads "Processing" (not
  // "Paid", not "Open"), and its totals tell settled from processing money.
  const pay = await newWidgetPage(browser, { width: 1024, height: 900 });
  try {
    await pay.goto(`${server.baseUrl}/pay/${link.token}`, { waitUntil: 'load' });
    const notice = pay.getByRole('status').filter({ hasText: `Your bank debit of ${usd(view.invoice.balance)} is processing.` });
    await notice.waitFor({ timeout: 5000 });
    assert.match(await notice.textContent(), /within 4 business days/);
    assert.equal(await pay.getByText('This invoice is paid.', { exact: false }).count(), 0);
    const receipt = pay.getByRole('article', { name: `Invoice ${view.invoice.number}` });
    assert.equal(await pills(receipt, 'Processing'), 1, 'the "Processing" pill');
    assert.equal(await pills(receipt, 'Paid'), 0, 'no "Paid" pill before it settles');
    assert.equal(await pills(receipt, 'Open'), 0, 'no "Open" pill: nothing is due');
    // The pill precedes the payments table, whose row says "Processing" too.
    assert.equal(await pillColor(receipt.getByText('Processing', { exact: true }).first()), 'rgb(29, 90, 140)',
      'the core\'s processing colour (status_colors.hpp), not the paid green');
    assert.equal(await receipt.getByRole('term').filter({ hasText: 'Processing (bank debit, not yet settled)' }).count(), 1);
    await screenshot(pay, 'pages-pay-bank-processing');
  } finally {
    await pay.context().close();
  }

  const during = await admin.invoice(view.invoice.id);
  assert.equal(during.payments.length, 1, 'one payment');
  assert.equal(during.payments[0].status, 'processing');
  assert.equal(during.payments[0].amount, view.invoice.balance);
  assert.equal(during.payments[0].method.type, 'bank_debit');
  assert.equal(during.invoice.status, 'processing', 'the invoice is not paid while the debit is processing');
  assert.equal(during.invoice.amount_paid, 0);
  assert.equal(during.invoice.amount_processing, view.invoice.balance);
  // Once the bank settles, the payment succeeds and the invoice is paid.
  const settled = await server.api('/api/v1/test/settle', { method: 'POST', body: {} });
  assert.equal(settled.status, 200, settled.text);
  const done = await admin.invoice(view.invoice.id);
  assert.equal(done.payments[0].status, 'succeeded');
  assert.equal(done.invoice.balance, 0);
  assert.equal(done.invoice.status, 'paid');

  const after = await newWidgetPage(browser, { width: 1024, height: 900 });
  try {
    await after.goto(`${server.baseUrl}/pay/${link.token}`, { waitUntil: 'load' });
    const receipt = after.getByRole('article', { name: `Invoice ${view.invoice.number}` });
    await receipt.waitFor({ timeout: 5000 });
    assert.equal(await pills(receipt, 'Paid'), 1, 'the "Paid" pill once settled');
    assert.equal(await pills(receipt, 'Processing'), 0, 'no "Processing" pill once settled');
    assert.equal(await receipt.getByRole('cell', { name: 'Paid', exact: true }).count(), 1, 'the payment row: paid');
    assert.equal(await after.getByRole('status').filter({ hasText: 'This invoice is paid.' }).count(), 1);
    assert.equal(await after.getByText('is processing', { exact: false }).count(), 0);
    await screenshot(after, 'pages-pay-bank-settled');
  } finally {
    await after.context().close();
  }
});

// How many status pills in `scope` read `label`: the texts that are not a
// cell of the payments table (whose Status column uses the same words).
async function pills(scope, label) {
  return (await scope.getByText(label, { exact: true }).count()) -
    (await scope.getByRole('cell', { name: label, exact: true }).count());
}

// The colour a status pill is drawn in, as the browser computed it.
function pillColor(locator) {
  return locator.evaluate((el) => getComputedStyle(el).color);
}
