// Card journeys through the widget, in real headless Chromium against the
// real server: pay in full, pay in two parts with two cards, every test
// processor decline, a double submit, and a response lost after the server
// charged. Each journey starts from its own invoice (made through the admin
// API) or a seeded link, in a fresh browser context, and ends by asking the
// admin API what really happened. Expected words come from the API and the
// documents (docs/api.md, server/processor/README.md), never from copies.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertAccessibleScreen, assertClean } from './helpers/assertions.mjs';
import {
  cardValues, CARD_FIELDS, field, fillCard, futureExpiry, mirror, newWidgetPage, nextPaymentResponse, openCardForm,
  openWidget, PAYMENTS_PATH, press, recordRequests, waitForAnnouncement, waitForFocus, waitForStage,
} from './helpers/browser.mjs';
import { codeCatalogue, testCards } from './helpers/server.mjs';
import { startServerAndBrowser } from './helpers/suite.mjs';
import { MASTERCARD, RETRY_PAYMENT, SUBMIT_PAYMENT, usd, VISA } from './helpers/values.mjs';

let server;
let browser;
let admin;
let cleanup;

before(async () => ({ server, browser, admin, cleanup } = await startServerAndBrowser()));
after(() => cleanup?.());

const TOKENS = /^\/api\/v1\/tokens$/;
const exp = futureExpiry();
const card = (number) => ({ number, exp: exp.typed, cvc: '123', name: 'Jordan Rivera', postal_code: '94107' });
// How the widget names a card (wasm/screens/screen_steps.cpp method_label):
// "<brand> •••• <last4>".
const BRAND_NAMES = { visa: 'Visa', mastercard: 'Mastercard' };
const methodLabel = (m) => `${BRAND_NAMES[m.brand]} \u2022\u2022\u2022\u2022 ${m.last4}`;

const button = (page, name) => page.getByRole('button', { name, exact: true });
const text = (page, s) => mirror(page).getByText(s, { exact: true });

async function withPage(fn) {
  const page = await newWidgetPage(browser);
  try {
    return await fn(page);
  } finally {
    await page.context().close();
  }
}

// The confirmation as the payer sees it, checked against the API's answer.
async function assertSucceeded(page, response, invoice) {
  await waitForStage(page, 'succeeded');
  const p = response.payment;
  assert.equal(p.status, 'succeeded');
  await page.getByRole('heading', { level: 1, name: 'Payment successful', exact: true }).waitFor();
  assert.equal(await text(page, `Amount paid: ${usd(p.amount)}`).count(), 1, 'the amount paid');
  assert.equal(await text(page, `Paid with: ${methodLabel(p.method)}`).count(), 1, 'the card used');
  assert.equal(await text(page, `Invoice: ${invoice.number}`).count(), 1, 'the invoice number');
  assert.equal(await text(page, `Remaining balance: ${usd(response.invoice.balance)}`).count(), 1, 'the balance left');
  // The payment host's receipt page for this payment, in a new tab.
  assert.ok(response.receipt_url, 'the API gave a receipt');
  const receipt = page.getByRole('link', { name: 'View receipt', exact: true });
  assert.match(new URL(await receipt.getAttribute('href'), server.baseUrl).pathname,
    new RegExp(`/receipts/${p.id}$`));
  assert.equal(await receipt.getAttribute('target'), '_blank');
  // No card data lingers in the (hidden) inputs once paid.
  for (const label of Object.values(CARD_FIELDS)) {
    const input = page.locator(`input[aria-label="${label}"]`);
    if (await input.count()) assert.equal(await input.inputValue(), '', `${label} is cleared`);
  }
  await waitForAnnouncement(page, 'status', 'succeeded');
}

const toCardForm = (page, token) => openCardForm(page, server, token);

const succeededPayments = (adminView) => adminView.payments.filter((p) => p.status === 'succeeded');

describe('card journeys', () => {
  test('pays an invoice in full with a Visa card', async () => {
    const { invoice, token } = await admin.payableInvoice({
      amount: 18500, partial: { type: 'percent', basis_points: 2500 }, card: true, bankDebit: ['ach'],
    });
    await withPage(async (page) => {
      await openWidget(page, server, token);
      await waitForStage(page, 'review');
      await page.getByRole('heading', { level: 2, name: `Amount due: ${usd(invoice.balance)}`, exact: true }).waitFor();
      await assertAccessibleScreen(page, 'review');

      await press(button(page, 'Pay Now'));
      await waitForStage(page, 'amount');
      const full = page.getByRole('radio', { name: `Pay in full, ${usd(invoice.balance)}`, exact: true });
      assert.equal(await full.isChecked(), true, 'paying in full is the default');
      await assertAccessibleScreen(page, 'amount');

      await press(button(page, 'Continue'));
      await waitForStage(page, 'method');
      assert.equal(await text(page, `Amount to pay: ${usd(invoice.balance)}`).count(), 1);
      const cardRadio = page.getByRole('radio', { name: 'Credit or debit card', exact: true });
      assert.equal(await page.getByRole('radio', { name: 'US bank account (ACH)', exact: true }).count(), 1);
      await assertAccessibleScreen(page, 'method');
      await press(cardRadio);
      await press(button(page, 'Continue'));

      await waitForStage(page, 'details');
      await page.getByRole('heading', { level: 2, name: 'Card details', exact: true }).waitFor();
      // Checked at the end, so a focus problem does not hide the rest.
      const focusedFirst = await waitForFocus(page, `textbox ${CARD_FIELDS.number}`);
      // The button names the amount; disabled, it says what is missing.
      const submit = button(page, `Pay ${usd(invoice.balance)}`);
      assert.equal(await submit.isDisabled(), true, 'nothing to submit yet');
      const missing = page.locator(`[id="${await submit.getAttribute('aria-describedby')}"]`);
      assert.equal(await missing.textContent(),
        'Enter the card number, expiry date, security code, name on the card and ZIP or postal code to pay.');
      await fillCard(page, card(VISA));
      assert.equal(await field(page, CARD_FIELDS.exp).inputValue(), exp.shown, 'the expiry is formatted');
      assert.equal(await button(page, SUBMIT_PAYMENT).isEnabled(), true);
      await assertAccessibleScreen(page, 'card');

      // Hold the payment request to look at the submitting screen.
      let release;
      const held = new Promise((resolve) => {
        page.route('**/api/v1/invoices/*/payments', async (route) => {
          resolve();
          await new Promise((r) => { release = r; });
          await route.continue();
        });
      });
      await press(button(page, SUBMIT_PAYMENT));
      await held;
      await waitForStage(page, 'submitting');
      const busy = page.getByRole('button', { name: 'Processing\u2026', exact: true });
      assert.equal(await busy.isDisabled(), true, 'the busy button cannot be pressed');
      assert.equal(await field(page, CARD_FIELDS.number).isDisabled(), true, 'inputs are locked while submitting');
      assert.equal(await button(page, 'Back').count(), 0, 'no way back while the payment is in flight');
      // The spinner turns while submitting: no waiting for an idle frame.
      await assertAccessibleScreen(page, 'submitting', { idle: false });
      const responseP = nextPaymentResponse(page);
      release();

      const response = await (await responseP).json();
      await assertSucceeded(page, response, invoice);
      assert.equal(response.payment.amount, invoice.total);
      assert.equal(await text(page, 'This invoice is now paid in full. Your paid invoice is your receipt.').count(), 1);
      await assertAccessibleScreen(page, 'succeeded');
      await assertClean(page, { failedRequests: [] });
      assert.equal(focusedFirst, `textbox ${CARD_FIELDS.number}`, 'the card number takes focus');
    });
    const after = await admin.invoice(invoice.id);
    assert.equal(after.payments.length, 1, 'exactly one payment');
    assert.equal(after.payments[0].status, 'succeeded');
    assert.equal(after.payments[0].amount, invoice.total);
    assert.equal(after.payments[0].method.last4, '4242');
    assert.equal(after.invoice.balance, 0);
    assert.equal(after.invoice.status, 'paid');
  });

});

// Three steps of one story on the seeded INV-0001 (each needs the one
// before): a partial payment, the rest from the same email link, and the
// paid invoice.
describe('partial payment, then the remainder from the same link', () => {
  let link;
  let first;
  let balance;
  let part;
  before(async () => {
    link = server.link(/partial payments/);
    first = (await server.api(`/api/v1/links/${link.token}`)).json;
    balance = first.invoice.balance;
    part = first.options.minimum + 900;  // above the minimum, not the whole balance
  });

  test('pays part now with a Visa card and is told how to pay the rest', async () => {
    assert.ok(first.options.partial_allowed, 'the seeded invoice allows partial payments');
    assert.ok(part < balance);
    await withPage(async (page) => {
      await openWidget(page, server, link.token);
      await waitForStage(page, 'review');
      await press(button(page, 'Pay Now'));
      await waitForStage(page, 'amount');
      await press(page.getByRole('radio', { name: 'Pay part now', exact: true }));
      const amount = field(page, 'Amount to pay now');
      await amount.waitFor();
      await amount.fill((part / 100).toFixed(2));
      await text(page, `Remaining balance: ${usd(balance - part)}`).waitFor();
      await assertAccessibleScreen(page, 'amount-partial');
      await press(button(page, 'Continue'));
      await waitForStage(page, 'method');
      assert.equal(await text(page, `Amount to pay: ${usd(part)}`).count(), 1);
      assert.equal(await text(page, `Remaining balance after this payment: ${usd(balance - part)}`).count(), 1);
      await press(page.getByRole('radio', { name: 'Credit or debit card', exact: true }));
      await press(button(page, 'Continue'));
      await waitForStage(page, 'details');
      await fillCard(page, card(VISA));
      const responseP = nextPaymentResponse(page);
      await press(button(page, SUBMIT_PAYMENT));
      const response = await (await responseP).json();
      assert.equal(response.payment.amount, part);
      await assertSucceeded(page, response, first.invoice);
      // How to pay the rest, in the help article's words.
      const rest = usd(balance - part);
      const howTo = mirror(page).getByText(`You can pay the remaining ${rest} later`, { exact: false });
      assert.equal(await howTo.count(), 1, 'the confirmation says how to pay the rest');
      assert.match(await howTo.textContent(), /open the payment link in your email again/);
      await assertAccessibleScreen(page, 'succeeded-partial');
      await assertClean(page, { failedRequests: [] });
    });
  });

  test('pays the remainder with a Mastercard from the same link, in a fresh page', async () => {
    const second = (await server.api(`/api/v1/links/${link.token}`)).json;
    assert.equal(second.invoice.balance, balance - part);
    await withPage(async (page) => {
      await openWidget(page, server, link.token);
      await waitForStage(page, 'review');
      await page.getByRole('heading', { level: 2, name: `Amount due: ${usd(balance - part)}`, exact: true }).waitFor();
      assert.equal(await text(page, 'Status: Partially paid').count(), 1);
      await press(button(page, 'Pay Now'));
      // The second payment is the last one allowed: the full balance only.
      if (second.options.partial_allowed) {
        await waitForStage(page, 'amount');
        await press(button(page, 'Continue'));
      }
      await waitForStage(page, 'method');
      assert.equal(await text(page, `Amount to pay: ${usd(balance - part)}`).count(), 1);
      await press(page.getByRole('radio', { name: 'Credit or debit card', exact: true }));
      await press(button(page, 'Continue'));
      await waitForStage(page, 'details');
      await fillCard(page, card(MASTERCARD));
      const responseP = nextPaymentResponse(page);
      await press(button(page, SUBMIT_PAYMENT));
      const response = await (await responseP).json();
      assert.equal(response.payment.method.brand, 'mastercard');
      await assertSucceeded(page, response, first.invoice);
      assert.equal(response.invoice.balance, 0);
      await assertClean(page, { failedRequests: [] });
    });

    const after = await admin.invoice(first.invoice.id);
    assert.deepEqual(succeededPayments(after).map((p) => [p.amount, p.method.last4]).sort(),
      [[part, '4242'], [balance - part, '4444']].sort());
    assert.equal(after.payments.length, 2, 'two payments, nothing else');
    assert.equal(after.invoice.balance, 0);
    assert.equal(after.invoice.status, 'paid');
  });

  test('a third visit shows the paid invoice and no way to pay again', async () => {
    const third = (await server.api(`/api/v1/links/${link.token}`)).json;
    assert.equal(third.payable, false);
    await withPage(async (page) => {
      await openWidget(page, server, link.token);
      await waitForStage(page, 'nothing_due');
      await page.getByRole('heading', { level: 2, name: 'This invoice is paid', exact: true }).waitFor();
      assert.equal(await text(page, 'Status: Paid').count(), 1);
      assert.equal(await button(page, 'Pay Now').count(), 0, 'no Pay Now on a paid invoice');
      assert.equal(await page.getByRole('textbox').count(), 0, 'no payment form on a paid invoice');
      assert.equal(await text(page, `Balance due: ${usd(0)}`).count(), 1);
      await assertAccessibleScreen(page, 'paid-invoice');
      await assertClean(page, { failedRequests: [] });
    });
  });
});

describe('declined cards keep the form and can be retried', () => {
  const catalogue = codeCatalogue();
  const declines = testCards().filter((c) => c.outcome !== 'succeeded');
  // What a payer is told: the processor's code when the catalogue lists it,
  // else generic_decline (advise_decline: card_declined and unknown codes).
  const publicCode = (c) => (c.publicCode in catalogue.card_decline ? c.publicCode : 'generic_decline');
  const screenshotTaken = { declined: false };

  test('the processor README lists the decline cards the brief names', () => {
    const numbers = declines.map((c) => c.number.slice(-4));
    for (const n of ['0002', '9995', '0069', '0127']) assert.ok(numbers.includes(n), `test card …${n}`);
  });

  for (const c of declines) {
    test(`${c.number} (${c.code}) shows its message; 4242 then succeeds`, async () => {
      const expected = catalogue.card_decline[publicCode(c)];
      assert.ok(expected, `docs/api.md lists ${publicCode(c)}`);
      const { invoice, token } = await admin.payableInvoice({ amount: 9500, card: true, bankDebit: [] });
      await withPage(async (page) => {
        let focusCheck = null;  // [actual, expected, message], asserted last
        await toCardForm(page, token);
        const typed = card(c.number);
        await fillCard(page, typed);
        const before = await cardValues(page);
        assert.equal(before.number, c.number, 'the number is grouped as printed');
        let responseP = nextPaymentResponse(page);
        await press(button(page, SUBMIT_PAYMENT));
        const response = await (await responseP).json();
        const d = response.payment.decline;
        assert.ok(d, `a decline in ${JSON.stringify(response.payment)}`);
        assert.equal(d.code, publicCode(c));
        assert.equal(d.message, expected.message, 'the API gives the catalogue message');

        if (c.outcome === 'processing_error') {
          // Not the card's fault: a failure screen that offers to try again
          // or to change the details.
          assert.equal(response.payment.status, 'failed');
          await waitForStage(page, 'failed');
          assert.equal(await mirror(page).getByText(d.message, { exact: false }).count(), 1, 'the message is shown');
          await waitForAnnouncement(page, 'alert', d.message);
          assert.equal(await button(page, 'Try again').isEnabled(), true);  // the failure screen's own
          await assertAccessibleScreen(page, 'failed-processing-error');
          await press(button(page, 'Change payment details'));
          await waitForStage(page, 'details');
          assert.deepEqual(await cardValues(page), before, 'what was typed is kept');
          await fillCard(page, { number: VISA });
          responseP = nextPaymentResponse(page);
          await press(button(page, SUBMIT_PAYMENT));
        } else {
          assert.equal(response.payment.status, 'declined');
          await waitForStage(page, 'declined');
          const notice = mirror(page).getByText(`Your payment was declined ${d.message}`, { exact: true });
          assert.equal(await notice.count(), 1, 'the decline notice with the catalogue message');
          await waitForAnnouncement(page, 'alert', d.message);
          assert.deepEqual(await cardValues(page), before, 'what was typed is kept');
          if (expected.field) {
            const want = `textbox ${CARD_FIELDS[expected.field]}`;
            focusCheck = [await waitForFocus(page, want), want, `focus goes to the field to check (${expected.field})`];
          }
          if (!screenshotTaken.declined) {
            screenshotTaken.declined = true;
            await assertAccessibleScreen(page, 'declined');
          }
          await fillCard(page, { number: VISA });
          responseP = nextPaymentResponse(page);
          await press(button(page, RETRY_PAYMENT));
        }
        const retried = await (await responseP).json();
        await assertSucceeded(page, retried, invoice);
        assert.equal(retried.payment.method.last4, '4242');
        await assertClean(page, { failedRequests: [] });
        if (focusCheck) assert.equal(...focusCheck);
      });
      const after = await admin.invoice(invoice.id);
      assert.equal(succeededPayments(after).length, 1, 'one succeeded payment');
      assert.equal(succeededPayments(after)[0].amount, invoice.total);
      assert.equal(after.invoice.balance, 0);
      const refused = after.payments.filter((p) => p.status !== 'succeeded');
      assert.equal(refused.length, 1, 'the refused attempt is on record once');
      assert.equal(refused[0].method.last4, c.number.slice(-4));
    });
  }
});

describe('submitting twice or losing the answer never pays twice', () => {
  test('a double click on Submit payment sends one payment', async () => {
    const { invoice, token } = await admin.payableInvoice({ amount: 7000, card: true, bankDebit: [] });
    await withPage(async (page) => {
      const payments = recordRequests(page, PAYMENTS_PATH);
      const tokens = recordRequests(page, TOKENS);
      await toCardForm(page, token);
      await fillCard(page, card(VISA));
      const responseP = nextPaymentResponse(page);
      await button(page, SUBMIT_PAYMENT).dblclick({ force: true });
      await assertSucceeded(page, await (await responseP).json(), invoice);
      await page.waitForTimeout(500);  // a second request would have left by now
      assert.equal(tokens.filter((r) => r.method === 'POST').length, 1, 'one token request');
      assert.equal(payments.filter((r) => r.method === 'POST').length, 1, 'one payment request');
      await assertClean(page, { failedRequests: [] });
    });
    const after = await admin.invoice(invoice.id);
    assert.equal(after.payments.length, 1, 'exactly one payment');
    assert.equal(after.payments[0].status, 'succeeded');
  });

  test('Enter pressed twice in the form sends one payment', async () => {
    const { invoice, token } = await admin.payableInvoice({ amount: 7100, card: true, bankDebit: [] });
    await withPage(async (page) => {
      const payments = recordRequests(page, PAYMENTS_PATH);
      await toCardForm(page, token);
      await fillCard(page, card(VISA));
      await field(page, CARD_FIELDS.postal_code).focus();
      const responseP = nextPaymentResponse(page);
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await assertSucceeded(page, await (await responseP).json(), invoice);
      await page.waitForTimeout(500);
      assert.equal(payments.filter((r) => r.method === 'POST').length, 1, 'one payment request');
      await assertClean(page, { failedRequests: [] });
    });
    const after = await admin.invoice(invoice.id);
    assert.equal(after.payments.length, 1, 'exactly one payment');
  });

  test('an answer lost after the charge: Retry with the same key, charged once', async () => {
    const { invoice, token } = await admin.payableInvoice({ amount: 8800, card: true, bankDebit: [] });
    await withPage(async (page) => {
      const sent = [];  // what reached the server: [{key, status, replayed}]
      await page.route('**/api/v1/invoices/*/payments', async (route) => {
        const key = route.request().headers()['idempotency-key'];
        const response = await route.fetch();  // the server handles it...
        sent.push({ key, status: response.status(), replayed: response.headers()['idempotent-replayed'] ?? null,
          body: await response.json() });
        if (sent.length === 1) await route.abort('connectionreset');  // ...but the page never hears back
        else await route.fulfill({ response });
      });
      await toCardForm(page, token);
      await fillCard(page, card(VISA));
      await press(button(page, SUBMIT_PAYMENT));
      await waitForStage(page, 'failed');
      assert.equal(sent.length, 1);
      assert.equal(sent[0].body.payment.status, 'succeeded', 'the server did charge the first time');
      assert.equal(await mirror(page).getByText('We couldn\u2019t confirm your payment', { exact: false }).count(), 1);
      assert.equal(await mirror(page)
        .getByText('Retrying is safe: if your first attempt went through, you will not be charged again.', { exact: true })
        .count(), 1);
      assert.equal(await field(page, CARD_FIELDS.number).count() === 0 ||
        await field(page, CARD_FIELDS.number).isHidden(), true, 'the form is not offered while the outcome is unknown');
      await assertAccessibleScreen(page, 'no-response');

      const responseP = nextPaymentResponse(page);
      await press(button(page, 'Retry'));
      const response = await (await responseP).json();
      await assertSucceeded(page, response, invoice);
      assert.equal(sent.length, 2);
      assert.ok(sent[0].key && sent[0].key.length >= 16, `an Idempotency-Key was sent (${sent[0].key})`);
      assert.equal(sent[1].key, sent[0].key, 'Retry reuses the Idempotency-Key');
      assert.equal(sent[1].replayed, 'true', 'the server replayed its stored answer');
      assert.equal(sent[1].body.payment.id, sent[0].body.payment.id, 'the same payment');
      assert.deepEqual(page.pwErrors, [], 'page errors');
    });
    const after = await admin.invoice(invoice.id);
    assert.equal(after.payments.length, 1, 'one payment');
    assert.equal(after.payments[0].status, 'succeeded');
    assert.equal(after.payments[0].amount, invoice.total);
    assert.equal(after.invoice.balance, 0);
  });
});
