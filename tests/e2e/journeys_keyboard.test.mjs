// Paying with the keyboard only (Tab, Shift+Tab, Enter, Space; typing only
// where focus lands on a text field), from the review to the confirmation,
// and on every screen on the way: the Tab order is the visual order (top
// to bottom, left to right), as recorded from document.activeElement.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { assertClean } from './helpers/assertions.mjs';
import {
  CARD_FIELDS, focusedControl, futureExpiry, newWidgetPage, openWidget, tabSequence, visualOrder, waitForStage,
} from './helpers/browser.mjs';
import { startServerAndBrowser } from './helpers/suite.mjs';
import { SUBMIT_PAYMENT } from './helpers/values.mjs';

let server;
let browser;
let admin;
let cleanup;

before(async () => ({ server, browser, admin, cleanup } = await startServerAndBrowser()));
after(() => cleanup?.());

// Tabs once round the screen and checks that each Tab moves to the
// next control in visual order (wrapping at the end; the moments focus is
// on the page itself between two rounds are skipped). Returns the order.
async function assertTabOrderIsVisual(page, screen) {
  const expected = await visualOrder(page);
  assert.ok(expected.length > 0, `${screen}: something to focus`);
  const seen = (await tabSequence(page, expected.length + 2)).filter((n) => n !== '');
  for (const name of seen) assert.ok(expected.includes(name), `${screen}: Tab reached "${name}", not on screen`);
  for (const name of expected) assert.ok(seen.includes(name), `${screen}: Tab never reached "${name}"`);
  for (let i = 1; i < seen.length; i++) {
    const want = expected[(expected.indexOf(seen[i - 1]) + 1) % expected.length];
    assert.equal(seen[i], want,
      `${screen}: after "${seen[i - 1]}" Tab went to "${seen[i]}"; visual order is:\n  ${expected.join('\n  ')}`);
  }
  return expected;
}

// Tab (or Shift+Tab) until `target` has focus; fails after a full round.
async function tabTo(page, target, key = 'Tab') {
  for (let i = 0; i < 40; i++) {
    if ((await focusedControl(page)) === target) return;
    await page.keyboard.press(key);
  }
  assert.fail(`"${target}" never took focus with ${key} (last: "${await focusedControl(page)}")`);
}

test('pays by card with the keyboard alone, in visual Tab order', async () => {
  const { invoice, token } = await admin.payableInvoice({ amount: 15500, card: true, bankDebit: ['ach'] });
  const exp = futureExpiry();
  const typed = { number: '4242424242424242', exp: exp.typed, cvc: '123', name: 'Jordan Rivera', postal_code: '94107' };
  const page = await newWidgetPage(browser);
  try {
    await openWidget(page, server, token);
    await waitForStage(page, 'review');
    await assertTabOrderIsVisual(page, 'review');
    await tabTo(page, 'button Pay Now');
    await page.keyboard.press('Enter');

    await waitForStage(page, 'method');
    await assertTabOrderIsVisual(page, 'method');
    // The card is the first choice; Space on it keeps it chosen.
    await tabTo(page, 'radio Credit or debit card');
    await page.keyboard.press('Space');
    await tabTo(page, 'button Continue');
    await page.keyboard.press('Enter');

    await waitForStage(page, 'details');
    // Type each card field as focus lands on it, in Tab order.
    const order = [];
    const labels = Object.fromEntries(Object.entries(CARD_FIELDS).map(([k, v]) => [`textbox ${v}`, k]));
    for (let i = 0; i < 20 && order.length < Object.keys(CARD_FIELDS).length; i++) {
      const now = await focusedControl(page);
      if (labels[now] && !order.includes(labels[now])) {
        await page.keyboard.type(typed[labels[now]]);
        order.push(labels[now]);
      }
      await page.keyboard.press('Tab');
    }
    assert.deepEqual(order, ['number', 'exp', 'cvc', 'name', 'postal_code'], 'fields reached in visual order');
    const submitName = await page.waitForFunction((pattern) => [...document.querySelectorAll('#pw-overlay button')]
      .find((b) => new RegExp(pattern).test(b.textContent) && !b.disabled)?.textContent, SUBMIT_PAYMENT.source,
    { timeout: 5000 }).then((h) => h.jsonValue());
    await assertTabOrderIsVisual(page, 'card form');
    // From the submit button, Shift+Tab goes back to the last field.
    await tabTo(page, `button ${submitName}`);
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focusedControl(page), `textbox ${CARD_FIELDS.postal_code}`);
    await page.keyboard.press('Tab');
    assert.equal(await focusedControl(page), `button ${submitName}`);
    await page.keyboard.press('Space');

    await waitForStage(page, 'succeeded');
    await page.getByRole('heading', { level: 1, name: 'Payment successful', exact: true }).waitFor();
    await assertTabOrderIsVisual(page, 'confirmation');
    await assertClean(page, { failedRequests: [] });
  } finally {
    await page.context().close();
  }
  const after = await admin.invoice(invoice.id);
  assert.equal(after.payments.length, 1, 'one payment');
  assert.equal(after.payments[0].status, 'succeeded');
  assert.equal(after.invoice.balance, 0);
});
