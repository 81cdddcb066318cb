// Embedding: the Harbor Wellness demo site (another origin) loads
// /pay-widget.js from the payment host and mounts the widget with one call.
// The widget runs in a cross-origin iframe; the page and the widget talk only
// through the versioned postMessage protocol ({source: 'paywidget',
// version: 1, type, payload}), with origins checked on both sides. Controls
// inside the frame are found by role and name (the accessibility mirror).
// Screenshots: build/e2e-artifacts/embed-*.png.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { assertAccessible, assertClean } from './helpers/assertions.mjs';
import { artifactsDir, newWidgetPage, openWidget, waitForStage, widgetFrame } from './helpers/browser.mjs';
import { allowEmbedOrigins, startDemoSite } from './helpers/demo_site.mjs';
import { startServerAndBrowser } from './helpers/suite.mjs';
import { RETRY_PAYMENT, SUBMIT_PAYMENT, usd, WIDGET_FRAME } from './helpers/values.mjs';

let server;
let browser;
let admin;
let cleanup;
let site;

before(async () => {
  let closeWith;
  ({ server, browser, admin, cleanup, closeWith } = await startServerAndBrowser());
  const loader = await server.api('/pay-widget.js');
  assert.equal(loader.status, 200, 'the payment host serves /pay-widget.js (web/pay-widget.js must be in PW_WEB_FILES, wasm/wasm.cmake)');
  site = await startDemoSite({ listen: 'localhost:0', paymentHost: server.baseUrl });
  closeWith(() => site.close());
  // The seed allows http://localhost:8081; this run's site has another port.
  const settings = await allowEmbedOrigins(server, [site.origin]);
  assert.deepEqual(settings.embed_origins, [site.origin]);
});

after(() => cleanup?.());

// build/e2e-artifacts/<name>.png of the viewport with `selector` at its top.
// Not a full-page capture: that resizes the viewport for a moment, and the
// cross-origin frame's canvas is caught mid-redraw.
async function screenshot(page, name, selector = '#pay') {
  await page.locator(selector).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(500);
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`) });
}

// Every protocol message the host page receives, whoever sent it, recorded
// before any page script runs (the page's CSP does not govern init scripts).
async function embedPage(opts) {
  const page = await newWidgetPage(browser, opts);
  await page.context().addInitScript(() => {
    window.__pwMessages = [];
    window.addEventListener('message', (e) => {
      if (e.data && e.data.source === 'paywidget') window.__pwMessages.push({ origin: e.origin, data: e.data });
    });
  });
  return page;
}

const events = (page, type) => page.evaluate((t) => (window.harborEvents || []).filter((e) => !t || e.type === t), type);

async function waitForEvent(page, type, timeout = 20000) {
  try {
    await page.waitForFunction((t) => (window.harborEvents || []).some((e) => e.type === t), type, { timeout, polling: 50 });
  } catch {
    throw new Error(`e2e: no "${type}" event within ${timeout} ms; events: ${JSON.stringify(await events(page).catch(() => null))}`);
  }
  return (await events(page, type)).at(-1).payload;
}

// The iframe's height on the host page, and the widget's own content height.
async function heights(page, frame) {
  const outer = await page.locator(WIDGET_FRAME).evaluate((f) => f.getBoundingClientRect().height);
  const inner = await frame.evaluate(() => window.Module.pwStats().height);
  return { outer, inner };
}

async function waitForHeightsToAgree(page, frame, timeout = 10000) {
  const end = Date.now() + timeout;
  let h;
  while (Date.now() < end) {
    h = await heights(page, frame);
    if (h.inner > 0 && Math.abs(h.outer - h.inner) <= 1) return h;
    await page.waitForTimeout(100);
  }
  throw new Error(`e2e: the iframe did not follow the widget's height: ${JSON.stringify(h)}`);
}

// A click where the mirror element lies: the canvas under it takes the
// pointer (mirror elements let the mouse through), as for a real payer.
async function press(control) {
  await control.waitFor({ timeout: 20000 });
  await control.scrollIntoViewIfNeeded();
  await control.click({ force: true });
}

describe('the demo site embeds the widget from another origin', () => {
  let page;
  let frame;
  let link;
  let view;
  before(async () => {
    link = server.link(/partial payments/);
    const r = await server.api(`/api/v1/links/${link.token}`);
    assert.equal(r.status, 200, r.text);
    view = r.json;
    page = await embedPage({ width: 1100, height: 900 });
    await page.goto(`${site.origin}/#link=${link.token}`, { waitUntil: 'load' });
    frame = await widgetFrame(page, server);
  });
  after(async () => { await page?.context().close(); });

  test('one script tag and mount(): a titled iframe to /embed with the token in the fragment', async () => {
    const ready = await waitForEvent(page, 'ready');
    const expected = {
      stage: 'review', invoice_id: view.invoice.id, balance: view.invoice.balance, currency: view.invoice.currency,
      exponent: 2, invoice_status: view.invoice.status,
    };
    if (view.receipt_url) expected.receipt_url = `${server.baseUrl}/pay/${link.token}/receipts/${view.receipt_url.split('/').pop()}`;
    assert.deepEqual(ready, expected);
    const iframe = page.locator(WIDGET_FRAME);
    assert.equal(await iframe.count(), 1);
    const src = new URL(await iframe.getAttribute('src'));
    assert.equal(src.origin, server.baseUrl);
    assert.equal(src.pathname, '/embed');
    assert.equal(src.searchParams.get('practice'), 'prc_demo_harbor');
    assert.equal(src.searchParams.get('origin'), site.origin, 'the frame learns the one origin it may talk to');
    assert.equal(src.hash, `#link=${link.token}`);
    assert.equal(src.search.includes(link.token), false, 'the token never travels in the query');
    // The page took the token out of its own address bar too.
    assert.equal(page.url().includes(link.token), false);
    const pay = frame.getByRole('button', { name: 'Pay Now', exact: true });
    await pay.waitFor({ timeout: 20000 });
    await frame.getByRole('heading', { level: 1, name: view.invoice.practitioner.name, exact: true }).waitFor();
    // The skeleton is gone once the widget is ready.
    assert.equal(await page.locator('#pay-widget').getByText('Loading the payment form').count(), 0);
    await assertClean(page);
    await screenshot(page, 'embed-demo-site');
  });

  test('the iframe follows the widget\'s height (no inner scrolling)', async () => {
    const wide = await waitForHeightsToAgree(page, frame);
    const resizes = await events(page, 'resize');
    assert.ok(resizes.length >= 1, 'onResize fired');
    assert.equal(resizes.at(-1).payload.height, wide.inner);
    // A phone-width page: the widget reflows taller, the iframe follows.
    await page.setViewportSize({ width: 360, height: 800 });
    // Chromium pauses cross-origin frames outside the viewport: look at it.
    await page.locator(WIDGET_FRAME).scrollIntoViewIfNeeded();
    await page.waitForFunction((h) => window.harborEvents.filter((e) => e.type === 'resize').at(-1).payload.height !== h,
      wide.inner, { timeout: 10000 });
    const narrow = await waitForHeightsToAgree(page, frame);
    assert.notEqual(narrow.inner, wide.inner);
    const scroll = await frame.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight);
    assert.ok(scroll <= 1, `the widget page scrolls inside the iframe by ${scroll} px`);
    await screenshot(page, 'embed-demo-site-360px');
    await page.setViewportSize({ width: 1100, height: 900 });
    await waitForHeightsToAgree(page, frame);
  });

  test('the host page cannot reach into the widget', async () => {
    const reach = await page.locator(WIDGET_FRAME).evaluate((f) => {
      let threw = false;
      try { void f.contentWindow.document.body; } catch { threw = true; }
      return { contentDocument: f.contentDocument, threw };
    });
    assert.equal(reach.contentDocument, null);
    assert.equal(reach.threw, true);
  });

  test('messages from another window or origin are ignored on both sides', async () => {
    const forged = (type, payload) => ({ source: 'paywidget', version: 1, type, payload });
    const seen = await page.evaluate(() => window.__pwMessages.length);
    // A window of another origin (the demo site by its IP address) and a
    // window of the payment host's own origin that is not the iframe.
    const strangers = [`${site.origin.replace('localhost', '127.0.0.1')}/`, `${server.baseUrl}/pay-widget.js`];
    for (const url of strangers) {
      const [popup] = await Promise.all([
        page.context().waitForEvent('page'),
        page.evaluate((u) => { window.open(u, '_blank'); }, url),
      ]);
      await popup.waitForLoadState('load');
      await popup.evaluate((msgs) => {
        for (const m of msgs) window.opener.postMessage(m, '*');
        // And towards the widget: an options.update that is not its parent's.
        window.opener.frames[0].postMessage(msgs.at(-1), '*');
      }, [
        forged('payment.succeeded', { payment_id: 'pay_forged', invoice_id: view.invoice.id, amount: 1, currency: 'USD', status: 'succeeded', balance: 0 }),
        forged('resize', { height: 7 }),
        forged('payment.declined', { code: 'card_declined', message: 'forged' }),
        forged('options.update', { theme: 'dark' }),
      ]);
      await popup.close();
    }
    // The host page received all 8 (so they were delivered) and acted on none.
    await page.waitForFunction((n) => window.__pwMessages.length >= n + 8, seen, { timeout: 5000 });
    assert.equal((await events(page, 'payment.succeeded')).length, 0, 'forged payment.succeeded reached onSuccess');
    assert.equal((await events(page, 'payment.declined')).length, 0, 'forged payment.declined reached onDecline');
    // The iframe follows the widget's own height only (which may still be
    // settling after the previous test's viewport change: comparing with a
    // height read before the messages raced that), never the forged 7 px.
    const after = await waitForHeightsToAgree(page, frame);
    assert.notEqual(after.outer, 7, 'a forged resize changed the iframe');
    // The widget ignored the stray options.update, but follows its parent's.
    await page.waitForTimeout(300);
    assert.notEqual(await frame.evaluate(() => window.Module.pwOptions.theme), 'dark');
    assert.equal(await frame.evaluate(() => window.Module.pwOptions.accent), '#1f6f66', 'the accent given at mount');
    await page.evaluate(() => window.harborWidget.update({ theme: 'dark', accent: '#8b85ff' }));
    await frame.waitForFunction(() => window.Module.pwOptions.theme === 'dark', null, { timeout: 5000 });
    await frame.waitForFunction(() => document.documentElement.style.colorScheme === 'dark', null, { timeout: 5000 });
    assert.equal(await frame.evaluate(() => window.Module.pwOptions.accent), '#8b85ff');
    assert.equal(await frame.evaluate(() => document.documentElement.style.getPropertyValue('--pw-accent')), '#8b85ff');
    await page.waitForTimeout(300);
    await screenshot(page, 'embed-dark');
    await page.evaluate(() => window.harborWidget.update({ theme: 'light', accent: '#1f6f66' }));
    await frame.waitForFunction(() => document.documentElement.style.colorScheme === 'light', null, { timeout: 5000 });
  });

  test('a declined card fires onDecline; then 4242 4242 4242 4242 fires onSuccess, with no card data', async () => {
    await press(frame.getByRole('button', { name: 'Pay Now', exact: true }));
    await press(frame.getByRole('radio', { name: /Pay in full/ }));
    await press(frame.getByRole('button', { name: 'Continue', exact: true }));
    await press(frame.getByRole('radio', { name: /Credit or debit card/ }));
    await press(frame.getByRole('button', { name: 'Continue', exact: true }));
    const number = frame.getByRole('textbox', { name: 'Card number' });
    await number.fill('4000 0000 0000 0002');
    await frame.getByRole('textbox', { name: /Expiry/ }).fill('12 / 34');
    await frame.getByRole('textbox', { name: 'Security code' }).fill('123');
    await frame.getByRole('textbox', { name: 'Name on card' }).fill('Taylor Brooks');
    await frame.getByRole('textbox', { name: 'Postal code' }).fill('94107');
    await press(frame.getByRole('button', { name: SUBMIT_PAYMENT }));

    const declined = await waitForEvent(page, 'payment.declined');
    assert.deepEqual(Object.keys(declined).sort(), ['code', 'message', 'payment_id']);
    // docs/api.md: 4000 0000 0000 0002 reaches the payer as generic_decline.
    assert.equal(declined.code, 'generic_decline');
    assert.match(declined.payment_id, /^pay_/);
    // The sentence the payer was shown inside the widget. The event leaves
    // from the frame that applied the decline; the mirror shows its
    // sentence after the next frame, so wait for that frame (bounded).
    await frame.locator('#pw-a11y').getByText(declined.message, { exact: false }).first().waitFor({ timeout: 5000 });
    await screenshot(page, 'embed-declined');

    await number.fill('4242 4242 4242 4242');
    await press(frame.getByRole('button', { name: RETRY_PAYMENT }));
    await frame.getByRole('heading', { name: 'Payment successful', exact: true }).waitFor({ timeout: 20000 });

    const paid = await waitForEvent(page, 'payment.succeeded');
    assert.match(paid.payment_id, /^pay_[A-Za-z0-9_-]+$/);
    assert.deepEqual(Object.keys(paid).sort(), ['amount', 'balance', 'currency', 'exponent', 'invoice_id', 'invoice_status',
      'method', 'payment_id', 'receipt_url', 'status']);
    assert.notEqual(paid.payment_id, declined.payment_id);
    // What the API says now about the invoice and this payment.
    const now = await server.api(`/api/v1/links/${link.token}`);
    assert.equal(paid.invoice_id, view.invoice.id);
    assert.equal(paid.amount, view.invoice.balance);
    assert.equal(paid.currency, view.invoice.currency);
    assert.equal(paid.status, 'succeeded');
    assert.equal(paid.balance, 0);
    assert.equal(paid.exponent, 2);
    assert.equal(paid.invoice_status, 'paid');
    assert.equal(paid.method, 'Visa');
    assert.equal(paid.receipt_url, `${server.baseUrl}/pay/${link.token}/receipts/${paid.payment_id}`);
    if (now.status === 200) assert.equal(now.json.invoice.balance, 0);
    const receipt = await server.api(`/api/v1/receipts/${paid.payment_id}`, { headers: { Authorization: `Link ${link.token}` } });
    assert.equal(receipt.status, 200, receipt.text);
    assert.ok(receipt.text.includes(paid.payment_id));

    // No card data in anything the host page received, raw or delivered.
    const raw = JSON.stringify(await page.evaluate(() => window.__pwMessages));
    const delivered = JSON.stringify(await events(page));
    for (const text of [raw, delivered]) {
      const ids = text.replaceAll(paid.payment_id, '').replaceAll(declined.payment_id, '').replaceAll(link.token, '');
      assert.equal(/4242|0002|\b123\b|94107|Taylor/.test(ids), false, `card data leaked: ${text}`);
      assert.equal(/"(number|card_number|cvc|exp|exp_month|exp_year|name|postal_code|last4|token)"/.test(text), false, `card fields leaked: ${text}`);
    }
    // The page tells the payer what a real site would: the amount, the
    // method and the receipt (never a raw payment id).
    const thanks = page.getByRole('status').filter({
      hasText: `Thank you — your payment of ${usd(paid.amount)} by Visa was received. Your invoice is paid in full.`,
    });
    await thanks.waitFor({ timeout: 5000 });
    assert.equal(await thanks.getByText(paid.payment_id, { exact: false }).count(), 0, 'no raw payment id');
    assert.equal(await thanks.getByRole('link', { name: 'View your receipt', exact: true }).getAttribute('href'), paid.receipt_url);
    await assertClean(page);
    await screenshot(page, 'embed-paid');
  });

  test('axe-core reports no violations on the demo page or in the widget frame', async () => {
    await assertAccessible(page.mainFrame(), 'the demo page');
    await assertAccessible(frame, 'the widget frame');
  });

  test('after a reload the site still has the invoice: paid, with its receipt (from the ready event)', async () => {
    await page.reload({ waitUntil: 'load' });
    const ready = await waitForEvent(page, 'ready');
    assert.equal(ready.invoice_status, 'paid');
    assert.equal(ready.balance, 0);
    const status = page.getByRole('status').filter({ hasText: 'Your invoice is paid. Thank you!' });
    await status.waitFor({ timeout: 5000 });
    const receipt = status.getByRole('link', { name: 'View your receipt', exact: true });
    assert.equal(await receipt.getAttribute('href'), ready.receipt_url);
    assert.match(ready.receipt_url, new RegExp(`^${server.baseUrl}/pay/${link.token}/receipts/pay_`));
    const r = await page.request.get(ready.receipt_url);
    assert.equal(r.status(), 200, 'the receipt page opens');
    await assertClean(page);
    await screenshot(page, 'embed-reloaded-paid');
  });
});

// IQD: ISO 4217 gives it 3 decimals, CLDR (Intl's default digits) 0. A site
// that divided by Intl's digits showed 1,000x the amount; the widget's
// events carry the ISO exponent and the site cuts the decimal string.
describe('amounts on the site in a currency whose ISO and CLDR digits differ (IQD)', () => {
  test('a partly paid IQD invoice: the balance with 3 decimals, and the receipt', async () => {
    const { invoice, token } = await admin.payableInvoice({
      currency: 'IQD', amount: 250000, partial: { type: 'fixed', amount: 50000 },
    });
    // 100.000 IQD paid by card through the API, as another visit would have.
    const payment = await admin.payByLink(token, invoice, 100000, { name: 'Ali Hassan' });
    assert.equal(payment.status, 'succeeded');
    const page = await embedPage({ width: 1100, height: 900 });
    try {
      await page.goto(`${site.origin}/#link=${token}`, { waitUntil: 'load' });
      const ready = await waitForEvent(page, 'ready');
      assert.equal(ready.currency, 'IQD');
      assert.equal(ready.exponent, 3, 'ISO 4217, not CLDR');
      assert.equal(ready.balance, 150000);
      const status = page.getByRole('status').filter({ hasText: 'You have paid part of this invoice.' });
      await status.waitFor({ timeout: 5000 });
      // (Intl puts a no-break space between the code and the number.)
      assert.equal((await status.textContent()).replaceAll('\u00a0', ' ').trim(),
        'You have paid part of this invoice. Balance due: IQD 150.000. View your receipt');
      assert.equal(await status.getByRole('link', { name: 'View your receipt', exact: true }).getAttribute('href'),
        `${server.baseUrl}/pay/${token}/receipts/${payment.id}`);
      await assertClean(page);
      await screenshot(page, 'embed-iqd-partly-paid');
    } finally {
      await page.context().close();
    }
  });
});

// A bank debit is submitted, not paid, until the bank settles it: the site
// says so from the payment.succeeded event (status "processing").
describe('a bank debit on the site', () => {
  test('processing: submitted, when it usually settles, what a return means; never "paid in full"', async () => {
    const { token } = await admin.payableInvoice({ amount: 57000, card: false, bankDebit: ['ach'] });
    const page = await embedPage({ width: 1100, height: 900 });
    try {
      await page.goto(`${site.origin}/#link=${token}`, { waitUntil: 'load' });
      const bank = await widgetFrame(page, server);
      await press(bank.getByRole('button', { name: 'Pay Now', exact: true }));
      // The settling test account of server/processor/README.md.
      await bank.getByRole('textbox', { name: 'Account holder name' }).fill('Taylor Brooks');
      await bank.getByRole('textbox', { name: 'Routing number' }).fill('110000000');
      await bank.getByRole('textbox', { name: 'Account number' }).fill('000123456789');
      // Activated as a screen reader does (a click event on the control, not
      // at a screen position): the iframe may still be settling its height
      // here, and a pointer click can land beside a control that moved.
      const consent = bank.getByRole('checkbox', { name: 'I authorize this debit', exact: true });
      await consent.dispatchEvent('click');
      const submit = bank.getByRole('button', { name: SUBMIT_PAYMENT, disabled: false });
      await submit.waitFor({ timeout: 10000 });  // enabled once the frame after the tick is drawn
      await submit.dispatchEvent('click');
      const paid = await waitForEvent(page, 'payment.succeeded');
      assert.equal(paid.status, 'processing');
      assert.equal(paid.method, 'US bank account');
      assert.equal(paid.settles_within_business_days, 4);
      assert.equal(paid.invoice_status, 'processing', 'covered by a debit that has not settled: not "paid"');
      const status = page.getByRole('status').filter({
        hasText: `Thank you — your bank debit of ${usd(57000)} from your US bank account was submitted.`,
      });
      await status.waitFor({ timeout: 5000 });
      assert.match(await status.textContent(), /usually settles within 4 business days; until then nothing more is due\. If your bank returns it, the amount is due again\./);
      assert.equal(await status.getByText('paid in full', { exact: false }).count(), 0);
      await assertClean(page);
      await screenshot(page, 'embed-bank-processing');
    } finally {
      await page.context().close();
    }
  });
});

describe('the loader', () => {
  let page;
  before(async () => {
    page = await embedPage({ width: 1000, height: 800 });
    await page.goto(`${site.origin}/#link=${server.link(/CAD invoice/).token}`, { waitUntil: 'load' });
    await waitForEvent(page, 'ready');
  });
  after(async () => { await page?.context().close(); });

  test('refuses bad options with a message naming the option', async () => {
    const errors = await page.evaluate(() => {
      const attempt = (target, options) => {
        try { window.PayWidget.mount(target, options); return null; } catch (e) { return `${e.name}: ${e.message}`; }
      };
      const el = document.createElement('div');
      document.body.appendChild(el);
      return [
        attempt(el, { practice: 'prc_demo_harbor' }),
        attempt(el, { practice: 'prc_demo_harbor', link: 'abc', invoice: 'inv_1' }),
        attempt(el, { link: 'abc' }),
        attempt(el, { practice: 'prc_demo_harbor', link: 'abc', accent: 'teal' }),
        attempt(el, { practice: 'prc_demo_harbor', link: 'abc', host: 'javascript:alert(1)' }),
        attempt(el, { practice: 'prc_demo_harbor', link: 'abc', onSuccess: 'yes' }),
        attempt(el, { practice: 'prc_demo_harbor', link: 'abc', colour: 'x' }),
        attempt('#no-such-element', { practice: 'prc_demo_harbor', link: 'abc' }),
        el.children.length,
      ];
    });
    assert.match(errors[0], /^TypeError: PayWidget\.mount: options\.link or options\.invoice is required/);
    assert.match(errors[1], /options\.link or options\.invoice, not both/);
    assert.match(errors[2], /options\.practice is required/);
    assert.match(errors[3], /options\.accent must be a color/);
    assert.match(errors[4], /options\.host must be an http\(s\) URL/);
    assert.match(errors[5], /options\.onSuccess must be a function/);
    assert.match(errors[6], /unknown option "colour"/);
    assert.match(errors[7], /no element matches "#no-such-element"/);
    assert.equal(errors[8], 0, 'a refused mount leaves nothing behind');
  });

  test('several widgets per page, each lazy until near the viewport, each unmountable', async () => {
    const token = server.link(/CAD invoice/).token;
    await page.evaluate((t) => {
      const far = document.createElement('div');
      far.id = 'second-widget';
      far.style.marginTop = '3000px';
      document.body.appendChild(far);
      window.second = [];
      window.secondHandle = window.PayWidget.mount(far, {
        practice: 'prc_demo_harbor', link: t, theme: 'dark',
        onReady: (e) => window.second.push(['ready', e]),
        onResize: (e) => window.second.push(['resize', e]),
      });
    }, token);
    // Far below the fold: a placeholder, no iframe yet.
    await page.waitForTimeout(500);
    assert.equal(await page.locator('#second-widget iframe').count(), 0, 'the iframe waits until the element nears the viewport');
    assert.equal(await page.locator('#second-widget').getByRole('status').count(), 1, 'the placeholder announces loading');
    await page.locator('#second-widget').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => window.second.some((e) => e[0] === 'ready'), null, { timeout: 20000 });
    assert.equal(await page.locator(WIDGET_FRAME).count(), 2);
    const src = new URL(await page.locator(`#second-widget ${WIDGET_FRAME}`).getAttribute('src'));
    assert.equal(src.searchParams.get('theme'), 'dark');
    // Each widget's events reach its own callbacks only.
    const firstReadies = (await events(page, 'ready')).length;
    assert.equal(firstReadies, 1);
    await screenshot(page, 'embed-two-widgets', '#second-widget');
    await page.evaluate(() => window.secondHandle.unmount());
    assert.equal(await page.locator(WIDGET_FRAME).count(), 1);
    assert.equal(await page.locator('#second-widget').evaluate((el) => el.children.length), 0);
    await assertClean(page);
  });

  test('a new link in update() loads a new widget in place; a link problem reaches onError', async () => {
    const before = await page.locator('#pay-widget iframe').getAttribute('src');
    const expired = server.link(/expired/).token;
    const api = await server.api(`/api/v1/links/${expired}`);
    assert.equal(api.status, 410, api.text);
    await page.evaluate((t) => window.harborWidget.update({ link: t }), expired);
    // Lazy again: the new iframe appears once its element nears the viewport.
    await page.locator('#pay-widget').scrollIntoViewIfNeeded();
    const after = await page.locator('#pay-widget iframe').getAttribute('src');
    assert.notEqual(after, before);
    assert.equal(new URL(after).hash, `#link=${expired}`);
    assert.equal(await page.locator(WIDGET_FRAME).count(), 1, 'the old iframe is gone');
    await page.waitForFunction(() => window.harborEvents.filter((e) => e.type === 'ready').length === 2, null, { timeout: 20000 });
    assert.equal((await events(page, 'ready')).at(-1).payload.stage, 'link_expired');
    const error = await waitForEvent(page, 'error');
    assert.deepEqual(error, { code: api.json.error.code, message: api.json.error.message });
    const frame = await widgetFrame(page, server);
    await frame.getByRole('heading', { level: 1, name: 'This payment link has expired', exact: true }).waitFor();
    await screenshot(page, 'embed-expired');
  });
});

describe('frame-ancestors', () => {
  test('a site outside the practice\'s embed origins cannot show the widget', async () => {
    // The same demo site by another origin (its IP address): not in the list.
    const stranger = site.origin.replace('localhost', '127.0.0.1');
    const embed = await server.api('/embed?practice=prc_demo_harbor');
    const csp = embed.headers.get('content-security-policy');
    assert.match(csp, new RegExp(`frame-ancestors 'self' ${site.origin}(;|$)`));
    assert.equal(csp.includes(stranger), false);

    const page = await embedPage({ width: 1000, height: 800 });
    const refused = [];
    page.on('console', (m) => { if (/frame-ancestors/.test(m.text())) refused.push(m.text()); });
    try {
      await page.goto(`${stranger}/#link=${server.link(/CAD invoice/).token}`, { waitUntil: 'load' });
      await page.locator(WIDGET_FRAME).waitFor({ state: 'attached', timeout: 10000 });
      const deadline = Date.now() + 10000;
      while (refused.length === 0 && Date.now() < deadline) await page.waitForTimeout(100);
      assert.equal(refused.length > 0, true, 'Chromium reports the frame-ancestors refusal');
      await page.waitForTimeout(1000);
      assert.equal(await page.frameLocator(WIDGET_FRAME).getByRole('button').count(), 0, 'no widget content in the refused frame');
      assert.equal(page.frames().some((f) => f.url().startsWith(`${server.baseUrl}/embed`) && f !== page.mainFrame()), false);
      assert.equal((await events(page, 'ready')).length, 0, 'onReady never fired');
      assert.equal(await page.locator('#pay-widget').getByRole('status').count(), 1, 'the placeholder still says it is loading');
      // After 20 s the loader gives up: onError names this site's origin,
      // and the payer reads what to do instead of an endless placeholder.
      const error = await waitForEvent(page, 'error', 30000);
      assert.equal(error.code, 'load_timeout');
      assert.ok(error.message.includes(`(${stranger})`), error.message);
      await page.locator('#pay-widget').getByRole('alert').filter({ hasText: 'could not be loaded' }).waitFor();
      await screenshot(page, 'embed-refused');
    } finally {
      await page.context().close();
    }
  });
});

describe('a widget framed for one practice', () => {
  // /embed?practice= decides who may frame it, but the link rides in the
  // fragment: the widget names its practice on every call and the server
  // refuses a link of another practice (server/auth/embed_practice.hpp).
  test('names its practice on every call and cannot open another practice\'s link', async () => {
    const token = server.link(/CAD invoice/).token;
    const page = await newWidgetPage(browser);
    const named = [];
    page.on('request', (r) => { if (r.url().includes('/api/v1/')) named.push(r.headers()['paywidget-embed-practice']); });
    try {
      await openWidget(page, server, token, '?practice=prc_demo_harbor');
      await waitForStage(page, 'review');
      assert.deepEqual([...new Set(named)], ['prc_demo_harbor']);

      await openWidget(page, server, token, '?practice=prc_some_other_practice');
      await waitForStage(page, 'link_unknown');
      await page.getByRole('heading', { level: 1, name: 'We couldn\u2019t find this payment link', exact: true }).waitFor();
      assert.equal(named.at(-1), 'prc_some_other_practice');
      await page.screenshot({ path: path.join(artifactsDir, 'embed-other-practice.png') });
    } finally {
      await page.context().close();
    }
  });
});

describe('tools/demo_site/serve.mjs', () => {
  test('serves the site for a given payment host with a strict CSP, and stops on SIGTERM', async () => {
    const { spawn } = await import('node:child_process');
    const { freePort, repoRoot } = await import('./helpers/server.mjs');
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(repoRoot, 'tools/demo_site/serve.mjs'),
      '--listen', `localhost:${port}`, '--payment-host', 'https://pay.example.test'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    try {
      let out = '';
      child.stdout.setEncoding('utf8');
      await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve.mjs did not start: ${out}`)), 5000);
        child.stdout.on('data', (d) => { out += d; if (out.includes('demo site:')) { clearTimeout(timer); resolve(); } });
      });
      assert.match(out, new RegExp(`http://localhost:${port}/`));
      const res = await fetch(`http://127.0.0.1:${port}/`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
      const csp = res.headers.get('content-security-policy');
      assert.match(csp, /script-src 'self' https:\/\/pay\.example\.test;/);
      assert.match(csp, /frame-src https:\/\/pay\.example\.test;/);
      assert.match(csp, /style-src 'self';/);
      const html = await res.text();
      assert.match(html, /<script src="https:\/\/pay\.example\.test\/pay-widget\.js"><\/script>/);
      assert.equal(html.includes('127.0.0.1:8080'), false);
      const css = await fetch(`http://127.0.0.1:${port}/site.css`);
      assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
      assert.equal((await fetch(`http://127.0.0.1:${port}/%2e%2e/%2e%2e/README.md`)).status, 404);
    } finally {
      child.kill('SIGTERM');
    }
    assert.deepEqual(await exited, { code: 0, signal: null });
  });
});
