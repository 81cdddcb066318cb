// Issue 11's journey, end to end through the UI, in real headless Chromium
// against the real server (demo data, test mode):
//   1. the demo owner signs in to /console;
//   2. adds a client (Clients → New client: name, email, phone);
//   3. writes an invoice for them (Invoices → New invoice: two lines,
//      partial payments with a 25 % minimum), sees the totals, issues and
//      sends it;
//   4. the client opens the Pay Invoice email from the outbox and, in the
//      widget on /pay, pays exactly the minimum by card;
//   5. the owner sees the payment on the invoice's page and in Payments,
//      opens it and refunds part of it with a reason through the
//      confirmation step;
//   6. the client's receipt for that payment (from the /pay page's "View
//      your receipt") shows the refund;
//   7. Payments → Download CSV holds the payment and the negative refund,
//      amounts as decimal strings.
// Controls are found by role and accessible name. Every console and payer
// page visited: axe-core clean (the page and the widget frame in it) and a
// screenshot build/e2e-artifacts/console-journey-<step>.png. Amounts are
// integers in minor units; the expected strings come from usd()/decimal().
// Each step needs the one before (a failure says which).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import { assertAccessiblePage, assertClean } from './helpers/assertions.mjs';
import { mirror, newWidgetPage, nextPaymentResponse, widgetFrame } from './helpers/browser.mjs';
import { consoleSignIn } from './helpers/console.mjs';
import {
  fillFrameCard, framePress, newOutboxMail, outboxFiles, payInvoiceLink, waitForFrameStage,
} from './helpers/pages.mjs';
import { startServerAndBrowser } from './helpers/suite.mjs';
import { decimal, usd, VISA } from './helpers/values.mjs';

let server;
let browser;
let cleanup;

before(async () => ({ server, browser, cleanup } = await startServerAndBrowser()));
after(() => cleanup?.());

// The main suite runs browser tests beside this one: waits are on roles and
// texts, with room for a loaded machine (never a sleep).
const SLOW = 30000;

const CLIENT = { name: 'Avery Lindqvist', email: 'avery.lindqvist@mail.example', phone: '+1 555 0199' };
// Minor units. Total 12000 + 840 + 2 × 4500 = 21840; 25 % of it is 5460
// exactly (the test does not lean on the core's rounding).
const LINES = [
  { description: 'Initial assessment', quantity: 1, unit: 12000, tax: 840 },
  { description: 'Follow-up session', quantity: 2, unit: 4500, tax: 0 },
];
const SUBTOTAL = LINES.reduce((s, l) => s + l.quantity * l.unit, 0);
const TAX = LINES.reduce((s, l) => s + l.tax, 0);
const TOTAL = SUBTOTAL + TAX;
const MINIMUM_BPS = 2500;
assert.equal((TOTAL * MINIMUM_BPS) % 10000, 0, 'the 25 % minimum is a whole number of cents');
const MINIMUM = (TOTAL * MINIMUM_BPS) / 10000;
const REFUND = 1500;
const REASON = 'Follow-up shortened by 15 minutes';

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pathOf = (page) => new URL(page.url()).pathname;

// "<label> <amount>" in a block's text (a dt followed by its dd).
function assertFact(text, label, amount, where) {
  assert.match(text, new RegExp(`${escape(label)}\\s*${escape(amount)}(\\s|$)`), `${where}: ${label} ${amount}\n${text}`);
}

// Screenshot console-journey-<step>.png, then axe-core on the page and its widget frame.
const audit = (page, step) => assertAccessiblePage(page, server, `console-journey-${step}`, { prefix: '' });

// A click that loads a new page (links and the console's plain forms).
async function follow(page, locator) {
  await Promise.all([page.waitForNavigation({ timeout: SLOW }), locator.click()]);
}

describe('issue 11: the practitioner and the client, through the UI', () => {
  let owner;   // the practitioner's page (signed in to the console)
  let payer;   // the client's page (their own browser context)
  let nav;
  let invoiceNumber;
  let invoicePath;
  let payUrl;
  let payment; // the widget's payment response

  before(async () => {
    owner = await newWidgetPage(browser, { width: 1280, height: 900 });
    owner.setDefaultTimeout(SLOW);
    nav = owner.getByRole('navigation', { name: 'Console' });
  });
  after(async () => {
    await owner?.context().close();
    await payer?.context().close();
  });

  test('1. the owner signs in to /console', async () => {
    await owner.goto(`${server.baseUrl}/console`, { waitUntil: 'load' });
    assert.equal(pathOf(owner), '/console/login', 'signed out, /console asks to sign in');
    await owner.getByRole('heading', { level: 1, name: 'Sign in to your practice console' }).waitFor();
    await audit(owner, '1-sign-in');
    const { email, password } = server.seed.console;
    await consoleSignIn(owner, server, email, password);
    assert.equal(pathOf(owner), '/console');
    await owner.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await audit(owner, '1-home');
  });

  test('2. creates a client: Clients → New client', async () => {
    await follow(owner, nav.getByRole('link', { name: 'Clients', exact: true }));
    await owner.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    await audit(owner, '2-clients');
    await follow(owner, owner.getByRole('link', { name: 'New client', exact: true }));
    await owner.getByRole('heading', { level: 1, name: 'New client' }).waitFor();
    await owner.getByLabel('Name', { exact: true }).fill(CLIENT.name);
    await owner.getByLabel('Email', { exact: true }).fill(CLIENT.email);
    await owner.getByLabel('Phone (optional)', { exact: true }).fill(CLIENT.phone);
    await audit(owner, '2-new-client');
    await follow(owner, owner.getByRole('button', { name: 'Add client', exact: true }));
    await owner.getByRole('heading', { level: 1, name: CLIENT.name }).waitFor();
    assert.equal(await owner.getByRole('status').innerText(), 'The client was added.');
    const contact = owner.getByRole('region', { name: 'Contact', exact: true });
    assert.equal(await contact.getByRole('link', { name: CLIENT.email }).getAttribute('href'), `mailto:${CLIENT.email}`);
    await contact.getByRole('link', { name: CLIENT.phone }).waitFor();
    await audit(owner, '2-client');
  });

  test('3. writes an invoice with partial payments (25 % minimum), sees the totals, issues and sends it', async () => {
    await follow(owner, nav.getByRole('link', { name: 'Invoices', exact: true }));
    await owner.getByRole('heading', { level: 1, name: 'Invoices' }).waitFor();
    await follow(owner, owner.getByRole('link', { name: 'New invoice', exact: true }));
    await owner.getByRole('heading', { level: 1, name: 'New invoice' }).waitFor();
    await owner.getByLabel('Client', { exact: true }).selectOption({ label: `${CLIENT.name} (${CLIENT.email})` });
    assert.equal(await owner.getByLabel('Currency', { exact: true }).inputValue(), 'USD', 'the practice currency by default');
    const fillLine = async (n, l) => {
      const line = owner.getByRole('group', { name: `Line ${n}`, exact: true });
      await line.getByLabel('Description', { exact: true }).fill(l.description);
      await line.getByLabel('Quantity', { exact: true }).fill(String(l.quantity));
      await line.getByLabel('Unit price', { exact: true }).fill(decimal(l.unit));
      if (l.tax) await line.getByLabel('Tax on this line', { exact: true }).fill(decimal(l.tax));
    };
    await fillLine(1, LINES[0]);
    // "Add line" is a plain submit: the server answers with what was typed and a second line.
    await follow(owner, owner.getByRole('button', { name: 'Add line', exact: true }));
    await fillLine(2, LINES[1]);
    await owner.getByLabel('Allow partial payments (at most two payments)', { exact: true }).check();
    await owner.getByRole('radio', { name: 'A percentage of the balance', exact: true }).check();
    await owner.getByLabel('Percentage', { exact: true }).fill(String(MINIMUM_BPS / 100));
    assert.equal(await owner.getByLabel('Card', { exact: true }).isChecked(), true, 'cards are accepted by default');

    // The totals follow the typing (no button pressed).
    const totals = owner.getByRole('region', { name: 'Totals', exact: true });
    await totals.getByText(usd(MINIMUM), { exact: true }).waitFor();
    const shown = await totals.innerText();
    assertFact(shown, 'Subtotal', usd(SUBTOTAL), 'Totals');
    assertFact(shown, 'Tax', usd(TAX), 'Totals');
    assertFact(shown, 'Discount', usd(0), 'Totals');
    assertFact(shown, 'Total', usd(TOTAL), 'Totals');
    assertFact(shown, 'Minimum first payment', usd(MINIMUM), 'Totals');
    await audit(owner, '3-new-invoice');

    const outbox = outboxFiles(server);
    await follow(owner, owner.getByRole('button', { name: 'Issue and send', exact: true }));
    const heading = owner.getByRole('heading', { level: 1 });
    invoiceNumber = /^Invoice (INV-\d+)\s+Open$/.exec((await heading.innerText()).trim())?.[1];
    assert.ok(invoiceNumber, `the invoice's page: ${await heading.innerText()}`);
    invoicePath = pathOf(owner);
    assert.equal(await owner.getByRole('status').first().innerText(), 'The invoice was issued and emailed to the client.');
    const summary = await owner.getByRole('region', { name: 'Summary', exact: true }).innerText();
    assertFact(summary, 'Total', usd(TOTAL), 'the invoice summary');
    assertFact(summary, 'Balance', usd(TOTAL), 'the invoice summary');
    const lines = await owner.getByRole('table', { name: 'Lines', exact: true }).getByRole('row').allInnerTexts();
    assert.equal(lines.length, 1 + LINES.length, lines.join('\n'));
    LINES.forEach((l, i) => assert.match(lines[i + 1],
      new RegExp(`^${escape(l.description)}\\s+${l.quantity}\\s+${escape(usd(l.unit))}\\s+${escape(usd(l.tax))}$`)));
    assert.equal(await owner.getByRole('table', { name: /^Pay links/ }).getByRole('cell', { name: 'Active' }).count(), 1);
    await audit(owner, '3-invoice-issued');

    // The email the client gets.
    const { mail } = newOutboxMail(server, outbox);
    assert.ok(mail.headers.to.includes(CLIENT.email), `to the client: ${mail.headers.to}`);
    assert.ok(mail.headers.subject.includes(invoiceNumber), `the subject names ${invoiceNumber}: ${mail.headers.subject}`);
    payUrl = payInvoiceLink(mail);
    assert.equal(new URL(payUrl).origin, server.baseUrl);
    assert.match(new URL(payUrl).pathname, /^\/pay\/[A-Za-z0-9_-]{22,}$/);
  });

  test('4. the client opens the email link and pays exactly the 25 % minimum by card in the widget', async () => {
    assert.ok(payUrl, 'needs the email link (step 3)');
    payer = await newWidgetPage(browser, { width: 1024, height: 900 });
    payer.setDefaultTimeout(SLOW);
    const response = await payer.goto(payUrl, { waitUntil: 'load' });
    assert.equal(response.status(), 200);
    await payer.getByRole('heading', { level: 1, name: `Invoice ${invoiceNumber}`, exact: true }).waitFor();
    const frame = await widgetFrame(payer, server, SLOW * 2);
    await waitForFrameStage(frame, 'review', SLOW);
    await frame.getByRole('heading', { level: 2, name: `Amount due: ${usd(TOTAL)}`, exact: true }).waitFor();
    await audit(payer, '4-pay');

    await framePress(frame.getByRole('button', { name: 'Pay Now', exact: true }));
    await waitForFrameStage(frame, 'amount', SLOW);
    await framePress(frame.getByRole('radio', { name: 'Pay part now', exact: true }));
    const amount = frame.getByRole('textbox', { name: 'Amount to pay now', exact: true });
    await amount.fill(decimal(MINIMUM));
    await mirror(frame).getByText(`Remaining balance: ${usd(TOTAL - MINIMUM)}`, { exact: true }).waitFor();
    await audit(payer, '4-amount');
    await framePress(frame.getByRole('button', { name: 'Continue', exact: true }));

    // Cards are the invoice's one method: no method screen.
    await waitForFrameStage(frame, 'details', SLOW);
    await frame.getByRole('heading', { level: 2, name: 'Card details', exact: true }).waitFor();
    await fillFrameCard(frame, VISA, CLIENT.name);
    // The button names the amount: the minimum, not the balance.
    const submit = frame.getByRole('button', { name: `Pay ${usd(MINIMUM)}`, exact: true });
    await submit.waitFor({ state: 'attached' });
    await audit(payer, '4-card');

    const paid = nextPaymentResponse(payer);
    await framePress(submit);
    const body = await (await paid).json();
    payment = body.payment;
    assert.equal(payment.status, 'succeeded');
    assert.equal(payment.amount, MINIMUM, 'exactly the minimum was charged');
    assert.equal(payment.method.last4, '4242');
    await waitForFrameStage(frame, 'succeeded', SLOW);
    await frame.getByRole('heading', { level: 1, name: 'Payment successful', exact: true }).waitFor();
    await mirror(frame).getByText(`Amount paid: ${usd(MINIMUM)}`, { exact: true }).waitFor();
    // The page around the widget follows: partially paid.
    await payer.getByText('Partially paid', { exact: true }).waitFor();
    await audit(payer, '4-paid');
    await assertClean(payer, { failedRequests: [] });
  });

  test('5. the owner sees the payment (invoice page, Payments), opens it and refunds part with a reason', async () => {
    assert.ok(payment, 'needs the payment (step 4)');
    // The invoice's page, found from Invoices.
    await follow(owner, nav.getByRole('link', { name: 'Invoices', exact: true }));
    await follow(owner, owner.getByRole('table', { name: /^Invoices/ }).getByRole('link', { name: invoiceNumber, exact: true }));
    assert.equal(pathOf(owner), invoicePath);
    assert.match((await owner.getByRole('heading', { level: 1 }).innerText()).trim(),
      new RegExp(`^Invoice ${invoiceNumber}\\s+Partially paid$`));
    const summary = await owner.getByRole('region', { name: 'Summary', exact: true }).innerText();
    assertFact(summary, 'Paid', usd(MINIMUM), 'the invoice summary');
    assertFact(summary, 'Balance', usd(TOTAL - MINIMUM), 'the invoice summary');
    const onInvoice = await owner.getByRole('table', { name: 'Payments, oldest first', exact: true }).getByRole('row').allInnerTexts();
    assert.equal(onInvoice.length, 2, onInvoice.join('\n'));
    assert.match(onInvoice[1], new RegExp(`Visa •••• 4242\\s+Paid\\s+${escape(usd(MINIMUM))}\\s+None$`));
    await audit(owner, '5-invoice-paid-part');

    // Payments: the newest is the client's.
    await follow(owner, nav.getByRole('link', { name: 'Payments', exact: true }));
    await owner.getByRole('heading', { level: 1, name: 'Payments' }).waitFor();
    await owner.getByLabel('Client name or email', { exact: true }).fill(CLIENT.name);
    await follow(owner, owner.getByRole('button', { name: 'Show payments', exact: true }));
    const table = owner.getByRole('table', { name: 'Payments, newest first' });
    const rows = await table.getByRole('row').allInnerTexts();
    assert.equal(rows.length, 2, `the header and the one payment:\n${rows.join('\n')}`);
    assert.match(rows[1], new RegExp(`${invoiceNumber}\\s+${escape(CLIENT.name)}\\s+Visa •••• 4242\\s+Paid\\s+${escape(usd(MINIMUM))}`));
    await audit(owner, '5-payments');

    await follow(owner, table.getByRole('link', { name: new RegExp(`^${escape(usd(MINIMUM))}\\W+payment of .* on invoice ${invoiceNumber}$`) }));
    await owner.getByRole('heading', { level: 1, name: `Payment of ${usd(MINIMUM)}`, exact: true }).waitFor();
    assert.equal(pathOf(owner), `/console/payments/${payment.id}`);
    const details = await owner.getByRole('region', { name: 'Details', exact: true }).innerText();
    assert.match(details, /Status\s*Paid\n/);
    assert.match(details, new RegExp(`Client\\s*${escape(CLIENT.name)}\\s*${escape(CLIENT.email)}`));
    await audit(owner, '5-payment');

    const amount = owner.getByLabel(`Amount to refund (USD)`, { exact: true });
    assert.equal(await amount.inputValue(), decimal(MINIMUM), 'the form offers the whole payment');
    await amount.fill(decimal(REFUND));
    await owner.getByLabel('Reason', { exact: true }).fill(REASON);
    await follow(owner, owner.getByRole('button', { name: 'Review refund', exact: true }));
    await owner.getByRole('heading', { level: 1, name: 'Confirm the refund' }).waitFor();
    const line = await owner.getByRole('table', { name: 'The refund as the client will see it' }).getByRole('row').allInnerTexts();
    assert.match(line[1], new RegExp(`${escape(REASON)}\\s+${escape(usd(REFUND))}$`));
    const confirm = await owner.getByRole('region', { name: 'What your client will see', exact: true }).innerText();
    assertFact(confirm, 'Left to refund after this', usd(MINIMUM - REFUND), 'the confirmation');
    assert.match(confirm, /The money goes back to Visa •••• 4242\. A refund cannot be undone\./);
    await audit(owner, '5-refund-confirm');

    await follow(owner, owner.getByRole('button', { name: 'Confirm refund', exact: true }));
    await owner.getByRole('heading', { level: 1, name: `Payment of ${usd(MINIMUM)}`, exact: true }).waitFor();
    assert.equal(await owner.getByRole('status').innerText(),
      `Refund of ${usd(REFUND)} issued. The client's receipt now shows it.`);
    const refunded = await owner.getByRole('region', { name: 'Details', exact: true }).innerText();
    assert.match(refunded, new RegExp(`Status\\s*Paid, ${escape(usd(REFUND))} refunded`));
    assertFact(refunded, 'Refunded so far', usd(REFUND), 'the payment');
    const refunds = await owner.getByRole('table', { name: 'Refunds of this payment' }).getByRole('row').allInnerTexts();
    assert.equal(refunds.length, 2, refunds.join('\n'));
    assert.match(refunds[1], new RegExp(`${escape(REASON)}\\s+Refunded\\s+${escape(usd(REFUND))}$`));
    assert.equal(await owner.getByRole('region', { name: 'Refund', exact: true }).getByRole('button', { name: 'Review refund' }).count(), 1,
      'the rest can still be refunded');
    await audit(owner, '5-refunded');
  });

  test("6. the client's receipt for that payment shows the refund", async () => {
    assert.ok(payment && payer, 'needs the payment (step 4)');
    // The client opens the email's link again: the page offers the receipt.
    await payer.goto(payUrl, { waitUntil: 'load' });
    await payer.getByText('You have already paid part of this invoice.', { exact: false }).waitFor();
    await waitForFrameStage(await widgetFrame(payer, server, SLOW * 2), 'review', SLOW);
    const receiptLink = payer.getByRole('link', { name: 'View your receipt', exact: true });
    assert.equal(await receiptLink.getAttribute('href'), `${new URL(payUrl).pathname}/receipts/${payment.id}`);
    await audit(payer, '6-pay-again');
    await follow(payer, receiptLink);
    await payer.getByRole('heading', { level: 1, name: `Invoice ${invoiceNumber}`, exact: true }).waitFor();
    const payments = await payer.getByRole('table', { name: 'Payments', exact: true }).getByRole('row').allInnerTexts();
    assert.equal(payments.length, 2, payments.join('\n'));
    assert.match(payments[1], new RegExp(`Visa •••• 4242\\s+Paid\\s+${escape(usd(MINIMUM))}\\s+${escape(usd(REFUND))} refunded$`));
    const refunds = await payer.getByRole('table', { name: 'Refunds', exact: true }).getByRole('row').allInnerTexts();
    assert.equal(refunds.length, 2, refunds.join('\n'));
    assert.match(refunds[1], new RegExp(`${escape(REASON)}\\s+${escape(usd(REFUND))}$`));
    const totals = await payer.getByRole('article').innerText();
    assertFact(totals, 'Amount paid', usd(MINIMUM), 'the receipt');
    assertFact(totals, 'Refunded', usd(REFUND), 'the receipt');
    assertFact(totals, 'Balance due', usd(TOTAL - MINIMUM), 'the receipt');
    await audit(payer, '6-receipt');
    await assertClean(payer, { failedRequests: [] });
  });

  test('7. Payments → Download CSV holds the payment and the negative refund', async () => {
    assert.ok(payment, 'needs the payment (step 4)');
    await follow(owner, nav.getByRole('link', { name: 'Payments', exact: true }));
    await owner.getByLabel('Client name or email', { exact: true }).fill(CLIENT.name);
    await follow(owner, owner.getByRole('button', { name: 'Show payments', exact: true }));
    assert.match(await owner.getByRole('table', { name: 'Payments, newest first' }).innerText(),
      new RegExp(`Paid, ${escape(usd(REFUND))} refunded\\s+${escape(usd(MINIMUM))}`));
    await audit(owner, '7-payments');
    const [download] = await Promise.all([owner.waitForEvent('download'),
      owner.getByRole('link', { name: 'Download CSV of these payments', exact: true }).click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    const [header, ...rows] = csv.trimEnd().split('\r\n').map((l) => l.split(','));
    assert.deepEqual(header, ['type', 'date', 'invoice', 'client', 'method', 'status', 'amount', 'currency', 'payment_id', 'refund_reason']);
    const named = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    assert.equal(named.length, 2, `the payment and the refund:\n${csv}`);
    const shape = ({ date, ...rest }) => (assert.match(date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), rest);
    const common = { invoice: invoiceNumber, client: CLIENT.name, method: 'Visa •••• 4242', currency: 'USD', payment_id: payment.id };
    assert.deepEqual(named.map(shape).sort((a, b) => a.type.localeCompare(b.type)), [
      { type: 'payment', ...common, status: 'succeeded', amount: decimal(MINIMUM), refund_reason: '' },
      { type: 'refund', ...common, status: 'refunded', amount: decimal(-REFUND), refund_reason: REASON },
    ]);
    await assertClean(owner);
  });
});
