// The core's rules as the payment host's pages apply them in a real browser
// (server/pages, web/pages/site.js) against the real server.
//
// Money: after a payment in the widget, site.js rewrites the page's
// "Balance due" from the widget's report (minor units). It must use the ISO
// 4217 exponent the server put in the page (the core's currency table), not
// the browser's CLDR digits, and exact string arithmetic: for IQD (ISO 3
// digits, CLDR 0) a division by 10^CLDR digits showed 1,000 times the
// balance. The widget's report is delivered by a stand-in loader
// (/pay-widget.js answered by the test), so the page script is tested on its
// own, with exactly the payload web/pay-widget.js passes to onSuccess.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { adminApi } from './helpers/admin.mjs';
import { launchBrowser, newWidgetPage } from './helpers/browser.mjs';
import { startServer } from './helpers/server.mjs';

let server;
let browser;
let admin;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = adminApi(server);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// A loader that records the options the page mounts it with, so the test
// can call the page's onSuccess as the real loader would.
const STAND_IN_LOADER = `window.PayWidget = { mount: function (el, options) { window.__pwMounted = options; } };`;

async function payPage(token) {
  const page = await newWidgetPage(browser, { width: 1024, height: 900 });
  await page.route('**/pay-widget.js', (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: STAND_IN_LOADER }));
  await page.goto(`${server.baseUrl}/pay/${token}`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__pwMounted && typeof window.__pwMounted.onSuccess === 'function');
  return page;
}

const balanceText = (page) => page.locator('.invoice-summary .fact-main dd').textContent();

function reportPayment(page, payload) {
  return page.evaluate((p) => window.__pwMounted.onSuccess(p), payload);
}

describe('the invoice page formats money with the ISO 4217 exponent', () => {
  test('IQD (3 digits by ISO, 0 by CLDR): the balance after a partial payment', async () => {
    // 1,234.567 IQD.
    const { invoice, token } = await admin.payableInvoice({ currency: 'IQD', amount: 1234567 });
    const page = await payPage(token);
    const summary = page.locator('.invoice-summary');
    assert.equal(await summary.getAttribute('data-currency'), 'IQD');
    assert.equal(await summary.getAttribute('data-exponent'), '3');
    const served = await balanceText(page);
    assert.equal(served, 'IQD\u00a01,234.567');

    // The full balance reported back reads exactly like the server wrote it.
    const base = { payment_id: 'pay_e2e', invoice_id: invoice.id, currency: 'IQD', status: 'succeeded' };
    await reportPayment(page, { ...base, amount: 0, balance: 1234567 });
    assert.equal(await balanceText(page), served);

    // 234.067 paid: 1,000.500 left (a division by 10^0 showed 1,000,500).
    await reportPayment(page, { ...base, amount: 234067, balance: 1000500, invoice_status: 'partially_paid' });
    assert.equal(await balanceText(page), 'IQD\u00a01,000.500');
    assert.equal(await page.locator('.invoice-summary .title-row .badge').textContent(), 'Partially paid');

    // A report in another currency is not this page's balance: left alone.
    await reportPayment(page, { ...base, currency: 'USD', amount: 1, balance: 5 });
    assert.equal(await balanceText(page), 'IQD\u00a01,000.500');
    assert.deepEqual(page.pwErrors, [], 'page errors');
    await page.context().close();
  });

  test('JPY (0 digits) and USD (2 digits) keep their digits', async () => {
    for (const [currency, amount, left, expected] of [
      ['JPY', 12000, 7000, '\u00a57,000'],
      ['USD', 12000, 4005, '$40.05'],
    ]) {
      const { invoice, token } = await admin.payableInvoice({ currency, amount });
      const page = await payPage(token);
      await reportPayment(page, {
        payment_id: 'pay_e2e', invoice_id: invoice.id, currency, status: 'succeeded', amount: amount - left, balance: left,
      });
      assert.equal(await balanceText(page), expected, currency);
      await page.context().close();
    }
  });
});

// The pill above the widget names the invoice's status as the core derived
// it (the report's invoice_status), never a guess from the balance: a
// balance covered by a bank debit that has not settled reads "Processing",
// not "Paid" (issue 13 item 2), and the processing sentence replaces "paid".
describe('the invoice page names the status the widget reports', () => {
  test('a bank debit that covers the balance: "Processing", then "Paid" for a settled payment', async () => {
    const { invoice, token } = await admin.payableInvoice({ currency: 'USD', amount: 57000 });
    const page = await payPage(token);
    const pill = page.locator('.invoice-summary .title-row .badge');
    assert.equal(await pill.textContent(), 'Open');
    const base = { payment_id: 'pay_e2e', invoice_id: invoice.id, currency: 'USD', amount: 57000, balance: 0 };
    await reportPayment(page, { ...base, status: 'processing', invoice_status: 'processing' });
    assert.equal(await pill.textContent(), 'Processing');
    assert.equal(await pill.evaluate((el) => getComputedStyle(el).color), 'rgb(29, 90, 140)');
    await reportPayment(page, { ...base, status: 'succeeded', invoice_status: 'paid' });
    assert.equal(await pill.textContent(), 'Paid');
    assert.deepEqual(page.pwErrors, [], 'page errors');
    await page.context().close();
  });
});
