// The client portal's pages (server/pages/portal_*.cpp, web/pages/site.js)
// in real headless Chromium against the real server, with the demo data:
// Sam (sam@example.com, a saved Visa 4242) follows the email link of their
// invoice, signs in, pays part of it with the saved card and the rest with
// a new Mastercard, then finds both payments in Invoices & Billing and on
// the receipt (which prints without the navigation). Also: a wrong
// password, Pending Invoices' Pay Now, removing a saved card when the
// practice allows it and not when it does not, signing out. Every page: a
// screenshot build/e2e-artifacts/pages-<name>.png and no axe-core
// violations (on the page and inside the widget frame).
//
// Logins are rate limited per address (10 per 15 minutes): Sam signs in
// once, in a browser context the Sam tests share (each test signs in again
// only if that session is gone).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertAccessiblePage, assertClean } from './helpers/assertions.mjs';
import { artifactsDir, newWidgetPage, nextPaymentResponse, widgetFrame } from './helpers/browser.mjs';
import {
  createPortalClient, fillFrameCard, framePress, setCardRemoval, shortDate, signIn, waitForFrameStage,
} from './helpers/pages.mjs';
import { codeCatalogue } from './helpers/server.mjs';
import { startServerAndBrowser } from './helpers/suite.mjs';
import { MASTERCARD, SUBMIT_PAYMENT, usd, WIDGET_FRAME } from './helpers/values.mjs';

let server;
let browser;
let admin;
let cleanup;
const catalogue = codeCatalogue();

before(async () => ({ server, browser, admin, cleanup } = await startServerAndBrowser()));
after(() => cleanup?.());

const DOTS = '\u2022\u2022\u2022\u2022';

const pathOf = (page) => new URL(page.url()).pathname;

// Sam's browser: one context, signed in once (by the email-link test), kept
// for the tests after it.
const sam = { page: null, clientId: null, get login() { return server.seed.portal; } };

async function samPage() {
  if (!sam.page) sam.page = await newWidgetPage(browser, { width: 1024, height: 900 });
  const page = sam.page;
  await page.goto(`${server.baseUrl}/portal`, { waitUntil: 'load' });
  if (pathOf(page) === '/portal/login') await signIn(page, sam.login.email, sam.login.password, '/portal');
  return page;
}

// After Pay Now (or a step's Continue): the widget's next stage among `stages`.
async function nextStage(frame, stages, timeout = 20000) {
  await frame.waitForFunction((s) => s.includes(window.Module.pwStats().stage), stages, { timeout, polling: 50 });
  const stage = await frame.evaluate(() => window.Module.pwStats().stage);
  await waitForFrameStage(frame, stage);
  return stage;
}

// The confirmation screen for `payment`, as the widget shows it.
async function assertConfirmation(frame, payment, invoiceNumber) {
  await waitForFrameStage(frame, 'succeeded');
  await frame.getByRole('heading', { level: 1, name: 'Payment successful', exact: true }).waitFor();
  const mirror = frame.locator('#pw-a11y');
  const brand = { visa: 'Visa', mastercard: 'Mastercard' }[payment.method.brand];
  assert.equal(await mirror.getByText(`Amount paid: ${usd(payment.amount)}`, { exact: true }).count(), 1);
  assert.equal(await mirror.getByText(`Paid with: ${brand} ${DOTS} ${payment.method.last4}`, { exact: true }).count(), 1);
  assert.equal(await mirror.getByText(`Invoice: ${invoiceNumber}`, { exact: true }).count(), 1);
}

describe('the login form', () => {
  test('a wrong password: the API\'s message by the form, announced; nothing else changes', async () => {
    const page = await newWidgetPage(browser, { width: 390, height: 844 });
    try {
      const r = await page.goto(`${server.baseUrl}/portal/login`, { waitUntil: 'load' });
      assert.equal(r.status(), 200);
      await page.getByRole('heading', { level: 1, name: 'Sign in to your client portal', exact: true }).waitFor();
      await page.getByLabel('Email', { exact: true }).fill(server.seed.portal.email);
      await page.getByLabel('Password', { exact: true }).fill('not-the-password-1');
      const answer = page.waitForResponse((res) => new URL(res.url()).pathname === '/api/v1/session');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      assert.equal((await answer).status(), 401);
      const expected = catalogue.auth.invalid_credentials.message;
      // Announced: an alert (or a live region) holding the catalogue's words.
      const message = page.locator('[role="alert"], [aria-live]').filter({ hasText: expected });
      await message.first().waitFor({ timeout: 5000 });
      // By the form: inside the form, before the Sign in button.
      const form = page.locator('form#login-form');
      assert.equal(await form.locator('[role="alert"], [aria-live]').filter({ hasText: expected }).count(), 1);
      assert.equal(pathOf(page), '/portal/login', 'still on the login page');
      assert.equal(await page.getByLabel('Email', { exact: true }).inputValue(), server.seed.portal.email, 'the email is kept');
      assert.equal(await page.getByRole('button', { name: 'Sign in', exact: true }).isEnabled(), true, 'can try again');
      await assertAccessiblePage(page, server, 'login-error');
      await assertClean(page);
    } finally {
      await page.context().close();
    }
  });
});

// One story on the seeded portal invoice (each step needs the one before).
describe('the portal client\'s email link: sign in, pay part with the saved card, then the rest', () => {
  let invoiceId;
  let invoice;
  let part;
  const payments = [];

  test('the link leads to the login page, and signing in lands on the invoice with the widget', async () => {
    const link = server.link(/portal client/);
    const page = sam.page = await newWidgetPage(browser, { width: 1024, height: 900 });
    const response = await page.goto(link.url, { waitUntil: 'load' });
    assert.equal(response.status(), 200);
    const at = new URL(page.url());
    assert.equal(at.pathname, '/portal/login');
    const next = at.searchParams.get('next');
    assert.match(next, /^\/portal\/invoices\/[A-Za-z0-9_-]+$/);
    assert.equal(page.url().includes(link.token), false, 'the token is not carried into the portal');
    invoiceId = next.split('/').pop();
    invoice = (await admin.invoice(invoiceId)).invoice;
    assert.equal(invoice.number, link.number);
    await page.getByRole('heading', { level: 1, name: 'Sign in to your client portal', exact: true }).waitFor();
    await assertAccessiblePage(page, server, 'login');

    // The sign-in answer names Sam's client (read before the page moves on).
    await page.route('**/api/v1/session', async (route) => {
      const answer = await route.fetch();
      if (answer.status() === 200) sam.clientId = (await answer.json()).client.id;
      await route.fulfill({ response: answer });
    });
    await signIn(page, sam.login.email, sam.login.password, next);
    await page.unroute('**/api/v1/session');
    assert.match(sam.clientId ?? '', /^cli_/);
    await page.getByRole('heading', { level: 1, name: `Invoice ${invoice.number}`, exact: true }).waitFor();
    await page.getByRole('navigation', { name: 'Client portal' }).waitFor();
    const src = new URL(await page.locator(WIDGET_FRAME).getAttribute('src'));
    assert.equal(src.pathname, '/embed');
    assert.equal(src.hash, `#invoice=${invoiceId}`, 'the widget pays with the session, not a link');
    const frame = await widgetFrame(page, server);
    await waitForFrameStage(frame, 'review');
    await frame.getByRole('heading', { level: 2, name: `Amount due: ${usd(invoice.balance)}`, exact: true }).waitFor();
    // One statement of the invoice: the widget's; the page keeps its header.
    const summary = page.locator('.invoice-summary');
    await summary.getByText('Balance due', { exact: true }).first().waitFor({ state: 'hidden' });
    assert.equal(await summary.getByText('Invoice details', { exact: true }).isVisible(), false, 'the page\'s lines are hidden');
    assert.equal(await summary.locator('.title-row .badge').isVisible(), true, 'the status pill stays');
    await assertAccessiblePage(page, server, 'portal-invoice');
    await assertClean(page);
  });

  test('pays part (above the 25% minimum) with the saved Visa \u2022\u2022\u2022\u2022 4242', async () => {
    assert.ok(invoice, 'needs the signed-in invoice page');
    const page = sam.page;
    const frame = await widgetFrame(page, server);
    const minimum = Math.ceil(invoice.balance * invoice.partial_payments.minimum.basis_points / 10000);
    assert.equal(invoice.partial_payments.minimum.basis_points, 2500);
    part = minimum + 1000;
    await framePress(frame.getByRole('button', { name: 'Pay Now', exact: true }));
    await waitForFrameStage(frame, 'amount');
    await framePress(frame.getByRole('radio', { name: 'Pay part now', exact: true }));
    const amount = frame.getByRole('textbox', { name: 'Amount to pay now', exact: true });
    await amount.waitFor();
    await amount.fill((part / 100).toFixed(2));
    await frame.locator('#pw-a11y').getByText(`Remaining balance: ${usd(invoice.balance - part)}`, { exact: true }).waitFor();
    await framePress(frame.getByRole('button', { name: 'Continue', exact: true }));
    await waitForFrameStage(frame, 'method');
    // A portal session offers the saved card (a link never does).
    const saved = frame.getByRole('radio', { name: new RegExp(`^Visa ${DOTS} 4242`) });
    assert.equal(await saved.count(), 1, 'the saved Visa is offered');
    await assertAccessiblePage(page, server, 'portal-invoice-method');
    await framePress(saved);
    await framePress(frame.getByRole('button', { name: 'Continue', exact: true }));
    await waitForFrameStage(frame, 'details');
    await frame.getByRole('heading', { level: 2, name: 'Pay with your saved card', exact: true }).waitFor();
    assert.equal(await frame.getByRole('textbox', { name: 'Card number', exact: true }).count(), 0, 'no card to type');
    const responseP = nextPaymentResponse(page);
    await framePress(frame.getByRole('button', { name: SUBMIT_PAYMENT }));
    const response = await responseP;
    const sent = response.request().postDataJSON();
    assert.match(sent.payment_method_id ?? '', /^pm_/, 'paid with the saved method');
    assert.equal(sent.token, undefined);
    const body = await response.json();
    assert.equal(body.payment.status, 'succeeded');
    assert.equal(body.payment.amount, part);
    assert.deepEqual([body.payment.method.brand, body.payment.method.last4], ['visa', '4242']);
    payments.push(body.payment);
    await assertConfirmation(frame, body.payment, invoice.number);
    await assertAccessiblePage(page, server, 'portal-invoice-paid-part');
    await assertClean(page);
  });

  test('pays the rest with a new Mastercard, without saving it', async () => {
    assert.equal(payments.length, 1, 'needs the first payment');
    const page = sam.page;
    await page.goto(`${server.baseUrl}/portal/invoices/${invoiceId}`, { waitUntil: 'load' });
    // The page says a part is paid and links its receipt.
    const aside = page.getByRole('link', { name: 'View your receipt', exact: true });
    assert.equal(await aside.getAttribute('href'), `/portal/receipts/${payments[0].id}`);
    const rest = invoice.balance - part;
    const frame = await widgetFrame(page, server);
    await waitForFrameStage(frame, 'review');
    await frame.getByRole('heading', { level: 2, name: `Amount due: ${usd(rest)}`, exact: true }).waitFor();
    await framePress(frame.getByRole('button', { name: 'Pay Now', exact: true }));
    if (await nextStage(frame, ['amount', 'method']) === 'amount') {
      await framePress(frame.getByRole('button', { name: 'Continue', exact: true }));
      await waitForFrameStage(frame, 'method');
    }
    await framePress(frame.getByRole('radio', { name: 'Credit or debit card', exact: true }));
    await framePress(frame.getByRole('button', { name: 'Continue', exact: true }));
    await waitForFrameStage(frame, 'details');
    const save = frame.getByRole('checkbox', { name: 'Save this card for future payments', exact: true });
    assert.equal(await save.count(), 1, 'a portal session may save the card');
    assert.equal(await save.isChecked(), false, 'saving is opt-in');
    await fillFrameCard(frame, MASTERCARD, 'Sam Rivera');
    const responseP = nextPaymentResponse(page);
    await framePress(frame.getByRole('button', { name: SUBMIT_PAYMENT }));
    const response = await responseP;
    assert.equal(response.request().postDataJSON().save_method, false);
    const body = await response.json();
    assert.equal(body.payment.status, 'succeeded');
    assert.equal(body.payment.amount, rest);
    assert.equal(body.invoice.balance, 0);
    payments.push(body.payment);
    await assertConfirmation(frame, body.payment, invoice.number);
    // The page above the widget says what is true now: paid in full, with
    // this payment's receipt; no longer "You have already paid part".
    await page.getByText('This invoice is paid.', { exact: false }).waitFor({ timeout: 5000 });
    assert.equal(await page.getByText('You have already paid part of this invoice.').isVisible(), false);
    assert.equal(await page.getByRole('link', { name: 'View your receipt', exact: true }).getAttribute('href'),
      `/portal/receipts/${body.payment.id}`);
    await assertAccessiblePage(page, server, 'portal-invoice-paid-rest');
    await assertClean(page);
    const view = await admin.invoice(invoiceId);
    assert.deepEqual(view.payments.filter((p) => p.status === 'succeeded').map((p) => [p.amount, p.method.last4]).sort(),
      [[part, '4242'], [rest, '4444']].sort());
    assert.equal(view.invoice.status, 'paid');
  });

  test('Invoices & Billing lists both payments (date, invoice, amount, method) with their receipts', async () => {
    assert.equal(payments.length, 2, 'needs both payments');
    const page = sam.page;
    await page.goto(`${server.baseUrl}/portal/billing`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: 'Invoices & Billing', exact: true }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Invoices & Billing', exact: true }).getAttribute('aria-current'), 'page');
    // The invoice, now paid, with its receipt.
    const invoices = page.locator('section', { has: page.getByRole('heading', { name: 'Invoices', exact: true }) });
    const row = invoices.locator('li', { hasText: `Invoice ${invoice.number}` });
    assert.equal(await row.count(), 1);
    assert.equal(await row.getByText('Paid', { exact: true }).count(), 1, 'the invoice is marked paid');
    assert.equal(await row.getByRole('link', { name: /Pay Now/ }).count(), 0, 'nothing to pay');

    const history = page.locator('section', { has: page.getByRole('heading', { name: 'Payment history', exact: true }) });
    for (const p of payments) {
      const brand = { visa: 'Visa', mastercard: 'Mastercard' }[p.method.brand];
      const entry = history.locator('li', { hasText: `${brand} ${DOTS} ${p.method.last4}` });
      assert.equal(await entry.count(), 1, `one history row for ${brand} ${p.method.last4}`);
      const text = (await entry.textContent()).replace(/\s+/g, ' ');
      assert.ok(text.includes(`${shortDate(p.created_at)} · Invoice ${invoice.number}`), `date and invoice in "${text}"`);
      assert.ok(text.includes(usd(p.amount)), `amount ${usd(p.amount)} in "${text}"`);
      assert.ok(text.includes('Paid'), `status in "${text}"`);
      const receipt = entry.getByRole('link', { name: /Receipt/ });
      assert.equal(await receipt.getAttribute('href'), `/portal/receipts/${p.id}`);
    }
    // Two receipt links on one page must not read the same to a screen reader.
    const names = await history.getByRole('link', { name: /Receipt/ }).evaluateAll((ls) => ls.map((l) => l.getAttribute('aria-label') || l.textContent));
    assert.equal(new Set(names).size, names.length, `receipt links are told apart: ${JSON.stringify(names)}`);
    await assertAccessiblePage(page, server, 'portal-billing');
    await assertClean(page);
  });

  test('the receipt shows both payments and prints without the navigation', async () => {
    assert.equal(payments.length, 2, 'needs both payments');
    const page = sam.page;
    await page.goto(`${server.baseUrl}/portal/billing`, { waitUntil: 'load' });
    const history = page.locator('section', { has: page.getByRole('heading', { name: 'Payment history', exact: true }) });
    await Promise.all([
      page.waitForURL(`**/portal/receipts/${payments[1].id}`),
      history.locator('li', { hasText: `Mastercard ${DOTS} 4444` }).getByRole('link', { name: /Receipt/ }).click(),
    ]);
    await page.getByRole('heading', { level: 1, name: `Invoice ${invoice.number}`, exact: true }).waitFor();
    const rows = page.locator('table.payments tbody tr');
    assert.equal(await rows.count(), 2);
    // The row of the payment this receipt is for is emphasised and says so.
    const thisRow = rows.filter({ hasText: 'This payment' });
    assert.equal(await thisRow.count(), 1, 'one row labelled "This payment"');
    assert.equal(await thisRow.getByText(`Mastercard ${DOTS} 4444`, { exact: true }).count(), 1, 'the Mastercard payment\'s');
    assert.ok(await thisRow.getByText('This payment', { exact: true }).isVisible());
    const cells = [];
    for (let i = 0; i < 2; i++) {
      cells.push((await rows.nth(i).locator('td').allTextContents()).map((s) => s.replace('This payment', '').trim()));
    }
    const expected = payments.map((p) => [shortDate(p.created_at),
      `${{ visa: 'Visa', mastercard: 'Mastercard' }[p.method.brand]} ${DOTS} ${p.method.last4}`, 'Paid', usd(p.amount)]);
    assert.deepEqual(cells.sort(), expected.sort());
    assert.equal((await page.locator('.totals .balance dd').textContent()).trim(), usd(0));
    assert.equal((await page.locator('.totals div', { hasText: 'Amount paid' }).locator('dd').textContent()).trim(), usd(invoice.total));
    await page.getByRole('button', { name: 'Print receipt', exact: true }).waitFor();
    await assertAccessiblePage(page, server, 'portal-receipt');

    const nav = page.getByRole('navigation', { name: 'Client portal' });
    const display = (l) => l.evaluate((el) => getComputedStyle(el).display);
    assert.notEqual(await display(nav), 'none', 'the navigation shows on screen');
    await page.emulateMedia({ media: 'print' });
    try {
      assert.equal(await display(page.locator('nav.site-nav')), 'none', 'no navigation on paper');
      // (Found by its hook: hidden from print, it leaves the accessibility tree.)
      assert.equal(await page.locator('button[data-print]').isVisible(), false, 'no Print button on paper');
      assert.notEqual(await display(page.locator('table.payments')), 'none', 'the payments print');
      await page.screenshot({ path: `${artifactsDir}/pages-portal-receipt-print.png`, fullPage: true });
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
    await assertClean(page);
  });
});

describe('Pending Invoices', () => {
  test('lists a pending invoice with Pay Now, which opens its payment page', async () => {
    const page = await samPage();
    assert.ok(sam.clientId, 'Sam\'s client id (from the sign-in)');
    const fresh = await admin.createInvoice({ clientId: sam.clientId, amount: 6400 });
    await page.reload({ waitUntil: 'load' });
    await page.getByRole('heading', { level: 2, name: 'Pending Invoices', exact: true }).waitFor();
    // The help article's names for the portal's sections.
    const nav = page.getByRole('navigation', { name: 'Client portal' });
    assert.equal(await nav.getByRole('link', { name: 'Pending Invoices', exact: true }).getAttribute('aria-current'), 'page');
    await nav.getByRole('link', { name: 'Invoices & Billing', exact: true }).waitFor();
    assert.equal(await page.getByText('Dashboard').count(), 0);
    const pending = page.locator('section', { has: page.getByRole('heading', { name: 'Pending Invoices', exact: true }) });
    const row = pending.locator('li', { hasText: `Invoice ${fresh.number}` });
    assert.equal(await row.count(), 1, 'the new invoice is pending');
    assert.ok((await row.textContent()).includes(usd(fresh.balance)), 'with its balance');
    const payNow = row.getByRole('link', { name: new RegExp(`^Pay Now`) });
    assert.equal((await payNow.textContent()).trim(), 'Pay Now');
    await assertAccessiblePage(page, server, 'portal-dashboard');
    await Promise.all([page.waitForURL(`**/portal/invoices/${fresh.id}`), payNow.click()]);
    await page.getByRole('heading', { level: 1, name: `Invoice ${fresh.number}`, exact: true }).waitFor();
    const frame = await widgetFrame(page, server);
    await waitForFrameStage(frame, 'review');
    await frame.getByRole('heading', { level: 2, name: `Amount due: ${usd(fresh.balance)}`, exact: true }).waitFor();
    await frame.getByRole('button', { name: 'Pay Now', exact: true }).waitFor();
    await assertClean(page);
  });
});

describe('saved cards', () => {
  test('allowed: a card saved while paying can be removed, and is gone', async () => {
    await setCardRemoval(server, true);
    const client = await createPortalClient(server, { name: 'Robin Park' });
    const inv = await admin.createInvoice({ clientId: client.id, amount: 4500 });
    const page = await newWidgetPage(browser, { width: 1024, height: 900 });
    try {
      await page.goto(`${server.baseUrl}/portal/invoices/${inv.id}`, { waitUntil: 'load' });
      assert.equal(pathOf(page), '/portal/login');
      await signIn(page, client.email, client.password, `/portal/invoices/${inv.id}`);
      // Pay with "Save this card" checked: the card lands in the wallet.
      const frame = await widgetFrame(page, server);
      await waitForFrameStage(frame, 'review');
      await framePress(frame.getByRole('button', { name: 'Pay Now', exact: true }));
      if (await nextStage(frame, ['method', 'details']) === 'method') {
        await framePress(frame.getByRole('radio', { name: 'Credit or debit card', exact: true }));
        await framePress(frame.getByRole('button', { name: 'Continue', exact: true }));
        await waitForFrameStage(frame, 'details');
      }
      await fillFrameCard(frame, MASTERCARD, client.name);
      await framePress(frame.getByRole('checkbox', { name: 'Save this card for future payments', exact: true }));
      await frame.waitForFunction(() => document.querySelector('#pw-overlay input[type="checkbox"]')?.checked === true, null, { timeout: 5000 });
      const responseP = nextPaymentResponse(page);
      await framePress(frame.getByRole('button', { name: SUBMIT_PAYMENT }));
      const response = await responseP;
      assert.equal(response.request().postDataJSON().save_method, true);
      assert.equal((await response.json()).payment.status, 'succeeded');
      await waitForFrameStage(frame, 'succeeded');

      await page.goto(`${server.baseUrl}/portal/payment-methods`, { waitUntil: 'load' });
      await page.getByRole('heading', { level: 1, name: 'Payment methods', exact: true }).waitFor();
      const label = `Mastercard ${DOTS} 4444`;
      const cards = page.locator('[data-method-row]');
      assert.equal(await cards.count(), 1);
      assert.equal(await cards.first().getByText(label, { exact: true }).count(), 1);
      const remove = page.getByRole('button', { name: `Remove ${label}`, exact: true });
      await assertAccessiblePage(page, server, 'portal-payment-methods');
      // Remove asks first, naming the card and saying what it leaves alone.
      const deletes = [];
      page.on('request', (r) => { if (r.method() === 'DELETE') deletes.push(r.url()); });
      await remove.click();
      const dialog = page.getByRole('dialog', { name: `Remove ${label}?`, exact: true });
      await dialog.waitFor();
      await dialog.getByText('Payments already made or in progress with this card are not affected', { exact: false }).waitFor();
      await assertAccessiblePage(page, server, 'portal-remove-card-confirm');
      // "Keep card": nothing is sent, the card stays.
      await dialog.getByRole('button', { name: 'Keep card', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      assert.deepEqual(deletes, [], 'nothing removed before the confirmation');
      assert.equal(await cards.count(), 1);
      await remove.click();
      const answer = page.waitForResponse((r) => r.request().method() === 'DELETE');
      await dialog.getByRole('button', { name: 'Remove card', exact: true }).click();
      assert.equal((await answer).status(), 204);
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('status').filter({ hasText: 'Card removed.' }).waitFor({ state: 'attached' });
      assert.equal(await cards.count(), 0, 'the card left the list');
      const api = await page.request.get(`${server.baseUrl}/api/v1/me/payment-methods`);
      assert.deepEqual((await api.json()).payment_methods, [], 'and the wallet');
      await page.reload({ waitUntil: 'load' });
      await page.getByText('No saved cards.', { exact: false }).waitFor();
      await assertAccessiblePage(page, server, 'portal-payment-methods-empty');
      await assertClean(page);
    } finally {
      await page.context().close();
    }
  });

  test('refused: no Remove button, an explanation, and the API answers 403 removal_disabled', async () => {
    await setCardRemoval(server, false);
    try {
      const page = await samPage();
      await page.goto(`${server.baseUrl}/portal/payment-methods`, { waitUntil: 'load' });
      const label = `Visa ${DOTS} 4242`;
      const cards = page.locator('[data-method-row]');
      assert.equal(await cards.count(), 1, 'Sam\'s saved Visa (the Mastercard was not saved)');
      assert.equal(await cards.first().getByText(label, { exact: true }).count(), 1);
      assert.equal(await page.getByRole('button', { name: /Remove/ }).count(), 0, 'no Remove button');
      await page.getByText('Your practitioner manages saved cards; contact them to remove one.', { exact: true }).waitFor();
      // The practitioner's contact, as the API gives it (an expired link names them).
      const who = (await server.api(`/api/v1/links/${server.link(/expired/).token}`)).json.error.practitioner;
      assert.equal(await page.getByRole('link', { name: who.email, exact: true }).getAttribute('href'), `mailto:${who.email}`);
      await assertAccessiblePage(page, server, 'portal-payment-methods-locked');
      const list = await (await page.request.get(`${server.baseUrl}/api/v1/me/payment-methods`)).json();
      assert.equal(list.removal_allowed, false);
      const del = await page.request.delete(`${server.baseUrl}/api/v1/me/payment-methods/${list.payment_methods[0].id}`);
      assert.equal(del.status(), 403);
      const err = (await del.json()).error;
      assert.equal(err.code, 'removal_disabled');
      assert.equal(err.message, catalogue.auth.removal_disabled.message);
      await page.reload({ waitUntil: 'load' });
      assert.equal(await cards.count(), 1, 'the card is still there');
      await assertClean(page);
    } finally {
      await setCardRemoval(server, true);
    }
  });
});

describe('signing out', () => {
  test('lands on the signed-out notice; the portal asks to sign in again', async () => {
    const page = await samPage();
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/portal/login'),
      page.getByRole('button', { name: 'Sign out', exact: true }).click(),
    ]);
    assert.equal(new URL(page.url()).searchParams.get('signed_out'), '1');
    await page.getByRole('status').filter({ hasText: 'You are signed out.' }).waitFor();
    await assertAccessiblePage(page, server, 'signed-out');
    const cookies = await page.context().cookies();
    assert.equal(cookies.some((c) => c.name === 'pw_session' && c.value), false, 'the session cookie is gone');
    await page.goto(`${server.baseUrl}/portal`, { waitUntil: 'load' });
    assert.equal(pathOf(page), '/portal/login');
    assert.equal(new URL(page.url()).searchParams.get('next'), '/portal');
    await page.goto(`${server.baseUrl}/portal/billing`, { waitUntil: 'load' });
    assert.equal(pathOf(page), '/portal/login', 'every portal page asks again');
    assert.equal((await page.request.get(`${server.baseUrl}/api/v1/me/invoices`)).status(), 401);
    await assertClean(page);
    await page.context().close();
    sam.page = null;
  });
});
