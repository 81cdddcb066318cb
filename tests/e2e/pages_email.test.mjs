// The email link's pages (server/pages/pay_pages.cpp) in real headless
// Chromium against the real server: the practitioner sends an invoice
// (admin API), the test reads the .eml the server wrote into its outbox,
// follows the Pay Invoice button to /pay/<token>, pays inside the widget
// iframe with 4242 4242 4242 4242, and opens the link again to find the
// receipt. Then the expired-link page. Every page: a screenshot
// build/e2e-artifacts/pages-<name>.png and no axe-core violations.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertAccessiblePage, assertClean } from './helpers/assertions.mjs';
import { newWidgetPage, nextPaymentResponse, recordRequests, widgetFrame } from './helpers/browser.mjs';
import {
  fillFrameCard, framePress, payInvoiceLink, sendInvoiceEmail, shortDate, waitForFrameStage,
} from './helpers/pages.mjs';
import { startServerAndBrowser } from './helpers/suite.mjs';
import { SUBMIT_PAYMENT, usd, VISA, WIDGET_FRAME } from './helpers/values.mjs';

let server;
let browser;
let admin;
let cleanup;

before(async () => ({ server, browser, admin, cleanup } = await startServerAndBrowser()));
after(() => cleanup?.());

// One story, three steps: the email, the payment, the link opened again.
describe('the invoice email\'s Pay Invoice link, without a portal account', () => {
  let invoice;
  let mail;
  let url;
  let page;
  let payment;

  before(async () => {
    // A client without portal access: the link alone may pay.
    const client = await admin.createClient({ name: 'Taylor Morgan' });
    assert.equal(client.portal_activated, false);
    invoice = await admin.createInvoice({
      clientId: client.id,
      items: [{ description: 'Massage therapy (60 min)', quantity: 1, unit_amount: 9500 },
        { description: 'Hot stone add-on', quantity: 1, unit_amount: 2000 }],
    });
    page = await newWidgetPage(browser, { width: 1024, height: 900 });
  });
  after(async () => { await page?.context().close(); });

  test('the outbox .eml carries a Pay Invoice link to /pay/<token>', async () => {
    const sent = await sendInvoiceEmail(server, invoice.id);
    mail = sent.mail;
    url = payInvoiceLink(mail);
    assert.equal(url, sent.sent.link.url, 'the email links to the link the API made');
    assert.equal(new URL(url).origin, server.baseUrl);
    assert.match(new URL(url).pathname, /^\/pay\/[A-Za-z0-9_-]{22,}$/);
    assert.match(mail.headers.to, /Taylor Morgan/);
    assert.ok(mail.headers.subject.includes(invoice.number), `the subject names ${invoice.number}: ${mail.headers.subject}`);
  });

  test('/pay shows the invoice (number, balance) and the widget in an iframe', async () => {
    assert.ok(url, 'needs the link from the email');
    // The widget's script carries a content hash in its name (paywidget.<hash>.js).
    const widgetLoads = recordRequests(page, /^\/(embed|paywidget(\.[0-9a-f]+)?\.js)$/);
    const response = await page.goto(url, { waitUntil: 'load' });
    assert.equal(response.status(), 200);
    assert.equal(response.headers()['cache-control'], 'no-store');
    assert.equal(response.headers()['referrer-policy'], 'no-referrer');
    await page.getByRole('heading', { level: 1, name: `Invoice ${invoice.number}`, exact: true }).waitFor();
    const summary = page.locator('.invoice-summary');
    assert.equal(await summary.getByText(invoice.practitioner.name, { exact: false }).count() > 0, true);
    // The balance due, as the page and the API say it.
    const balance = summary.locator('dt', { hasText: 'Balance due' }).first().locator('xpath=following-sibling::dd[1]');
    assert.equal((await balance.textContent()).trim(), usd(invoice.balance));
    await page.getByRole('heading', { level: 2, name: 'Pay Invoice', exact: true }).waitFor();
    assert.equal(await page.locator(WIDGET_FRAME).count(), 1, 'one widget iframe');
    const src = new URL(await page.locator(WIDGET_FRAME).getAttribute('src'));
    assert.equal(src.origin, server.baseUrl);
    assert.equal(src.pathname, '/embed');
    assert.equal(src.search.includes(new URL(url).pathname.split('/').pop()), false, 'the token never travels in a query');
    const frame = await widgetFrame(page, server);
    await waitForFrameStage(frame, 'review');
    await frame.getByRole('heading', { level: 2, name: `Amount due: ${usd(invoice.balance)}`, exact: true }).waitFor();
    await frame.getByRole('button', { name: 'Pay Now', exact: true }).waitFor();
    // The widget loads once: no plain iframe that the loader then replaces
    // (which aborted /embed and paywidget.js and fetched them again).
    assert.deepEqual(widgetLoads.map((r) => r.path.replace(/\.[0-9a-f]+\.js$/, '.js')).sort(), ['/embed', '/paywidget.js'],
      'one request each');
    await assertAccessiblePage(page, server, 'pay');
    await assertClean(page);
  });

  test('pays with 4242 4242 4242 4242 inside the iframe and sees the confirmation', async () => {
    const frame = await widgetFrame(page, server);
    await framePress(frame.getByRole('button', { name: 'Pay Now', exact: true }));
    await waitForFrameStage(frame, 'details');
    await frame.getByRole('heading', { level: 2, name: 'Card details', exact: true }).waitFor();
    await fillFrameCard(frame, VISA, 'Taylor Morgan');
    const responseP = nextPaymentResponse(page);
    await framePress(frame.getByRole('button', { name: SUBMIT_PAYMENT }));
    const body = await (await responseP).json();
    payment = body.payment;
    assert.equal(payment.status, 'succeeded');
    assert.equal(payment.amount, invoice.balance);
    await waitForFrameStage(frame, 'succeeded');
    await frame.getByRole('heading', { level: 1, name: 'Payment successful', exact: true }).waitFor();
    const mirror = frame.locator('#pw-a11y');
    assert.equal(await mirror.getByText(`Amount paid: ${usd(payment.amount)}`, { exact: true }).count(), 1);
    assert.equal(await mirror.getByText('Paid with: Visa \u2022\u2022\u2022\u2022 4242', { exact: true }).count(), 1);
    // The page around the widget follows: the summary no longer says Open.
    const summary = page.locator('.invoice-summary');
    await summary.locator('.badge', { hasText: 'Paid' }).waitFor({ timeout: 5000 });
    assert.equal((await summary.locator('.fact-main dd').textContent()).trim(), usd(0), 'the summary\'s balance due');
    await assertAccessiblePage(page, server, 'pay-succeeded');
    await assertClean(page);
    const view = await admin.invoice(invoice.id);
    assert.deepEqual(view.payments.map((p) => [p.status, p.amount, p.method.last4]), [['succeeded', invoice.balance, '4242']]);
    assert.equal(view.invoice.status, 'paid');
  });

  test('the same link opened again shows the receipt, not a payment form', async () => {
    assert.ok(payment, 'needs the payment');
    const response = await page.goto(url, { waitUntil: 'load' });
    assert.equal(response.status(), 200);
    await page.getByRole('status').filter({ hasText: 'This invoice is paid. Your paid invoice is your receipt.' }).waitFor();
    await page.getByRole('heading', { level: 1, name: `Invoice ${invoice.number}`, exact: true }).waitFor();
    assert.equal(await page.locator('iframe').count(), 0, 'no widget');
    assert.equal(await page.locator('canvas, form, input').count(), 0, 'no payment form');
    assert.equal(await page.getByRole('button', { name: 'Pay Now' }).count(), 0);
    // The payment, as the admin API recorded it.
    const rows = page.locator('table.payments tbody tr');
    assert.equal(await rows.count(), 1);
    const cells = (await rows.first().locator('td').allTextContents()).map((s) => s.trim());
    assert.deepEqual(cells, [shortDate(payment.created_at), 'Visa \u2022\u2022\u2022\u2022 4242', 'Paid', usd(payment.amount)]);
    const balance = page.locator('.totals .balance dd');
    assert.equal((await balance.textContent()).trim(), usd(0));
    await page.getByRole('button', { name: 'Print receipt', exact: true }).waitFor();
    await assertAccessiblePage(page, server, 'pay-paid-receipt');
    await assertClean(page);
  });
});

// Issue 13 item 3: one statement of the invoice everywhere. The email the
// server wrote and the page the link opens list the same rows: line
// amounts before tax, then Subtotal, Tax, Discount, Total.
describe('an invoice with tax and a discount', () => {
  test('the email\'s rows are the /pay page\'s rows', async () => {
    const client = await admin.createClient({ name: 'Jamie Chen' });
    const invoice = await admin.createInvoice({
      clientId: client.id,
      discount: 1000,
      items: [{ description: 'Supplements', quantity: 2, unit_amount: 2500, tax: 400 },
        { description: 'Initial consultation', quantity: 1, unit_amount: 15000 }],
    });
    assert.equal(invoice.total, 19400);
    const { mail } = await sendInvoiceEmail(server, invoice.id);
    const text = mail.parts.find((p) => p.type === 'text/plain').text;
    const emailLines = [...text.matchAll(/^ {2}(.+?) {2}x(\d+) {2}(\S+)\r?$/gm)].map((m) => [m[1], m[2], m[3]]);
    const emailTotals = [...text.matchAll(/^(Subtotal|Tax|Discount|Total): (\S+)\r?$/gm)].map((m) => [m[1], m[2]]);
    const page = await newWidgetPage(browser, { width: 1024, height: 900 });
    try {
      await page.goto(payInvoiceLink(mail), { waitUntil: 'load' });
      const table = page.locator('.invoice-summary table.items');
      const pageLines = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => {
        const c = [...r.querySelectorAll('td')].map((td) => td.textContent.trim());
        return [c[0], c[1], c[3]];
      }));
      const pageTotals = await table.locator('tfoot tr').evaluateAll((rows) => rows.map((r) =>
        [r.querySelector('th').textContent.trim(), r.querySelector('td.num').textContent.trim()]));
      assert.deepEqual(emailLines, [['Supplements', '2', usd(5000)], ['Initial consultation', '1', usd(15000)]],
        `the email's lines, tax not folded in:\n${text}`);
      assert.deepEqual(emailLines, pageLines, 'the same lines in the email and on the page');
      assert.deepEqual(emailTotals, [['Subtotal', usd(20000)], ['Tax', usd(400)], ['Discount', `-${usd(1000)}`],
        ['Total', usd(19400)]]);
      assert.deepEqual(emailTotals, pageTotals, 'the same totals in the email and on the page');
    } finally {
      await page.context().close();
    }
  });
});

describe('an expired link', () => {
  test('410: says what happened, who to ask for a new link and how to reach them; no widget', async () => {
    const link = server.link(/expired/);
    const api = await server.api(`/api/v1/links/${link.token}`);
    assert.equal(api.status, 410);
    assert.equal(api.json.error.code, 'link_expired');
    const who = api.json.error.practitioner;
    assert.ok(who && who.name && who.email && who.phone, `the API names the practitioner: ${api.text}`);
    const page = await newWidgetPage(browser, { width: 390, height: 844 });
    try {
      const response = await page.goto(link.url, { waitUntil: 'load' });
      assert.equal(response.status(), 410);
      await page.getByRole('heading', { level: 1, name: 'This payment link has expired', exact: true }).waitFor();
      const main = page.getByRole('main');
      assert.equal(await main.getByText('Nothing was charged.', { exact: false }).count(), 1, 'reassures: nothing was charged');
      await main.getByRole('heading', { name: 'Ask for a new link', exact: true }).waitFor();
      assert.equal(await main.getByText(`${who.name} can send you a new invoice or payment link.`, { exact: true }).count(), 1);
      const mail = main.getByRole('link', { name: who.email, exact: true });
      assert.equal(await mail.getAttribute('href'), `mailto:${who.email}`);
      const tel = main.getByRole('link', { name: who.phone, exact: true });
      assert.equal(await tel.getAttribute('href'), `tel:${who.phone.replace(/[^\d+]/g, '')}`);
      assert.equal(await page.locator('canvas, iframe').count(), 0, 'no canvas, no iframe');
      assert.equal(await page.getByRole('button', { name: 'Pay Now' }).count(), 0);
      assert.equal((await page.title()), 'Payment link expired');
      await assertAccessiblePage(page, server, 'pay-expired');
      await assertClean(page);
    } finally {
      await page.context().close();
    }
  });
});
