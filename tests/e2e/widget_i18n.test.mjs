// The widget in the payer's language, in real headless Chromium against the
// real server: a card payment in French (the `locale` option: part of the
// balance typed with French separators, then the card; then the remainder,
// declined once, then paid), a decline then a success in Spanish chosen from the browser's languages (no option), each
// screen audited by axe-core and photographed (build/e2e-artifacts/
// widget-fr-*.png, widget-es-*.png). Expected words come from the message
// catalogue (shared/messages/<locale>.json) and amounts from the browser's
// own Intl, never from copies.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertAccessibleScreen } from './helpers/assertions.mjs';
import { field, futureExpiry, mirror, nextFrames, openWidget, press, waitForStage } from './helpers/browser.mjs';
import { catalogue, money, say, sayList, withWidgetPage } from './helpers/i18n.mjs';
import { startServerAndBrowser } from './helpers/suite.mjs';
import { VISA } from './helpers/values.mjs';

let suite;  // { server, browser, admin, cleanup }
before(async () => { suite = await startServerAndBrowser(); });
after(() => suite?.cleanup?.());

const FR = catalogue('fr');
const ES = catalogue('es');
const button = (page, name) => page.getByRole('button', { name, exact: true });
const mirrored = (page, s) => mirror(page).getByText(s, { exact: true });
const exp = futureExpiry();
const withPage = (options, fn) => withWidgetPage(suite.browser, options, fn);

const CARD_LABELS = ['widget.card_number', 'widget.card_expiry', 'widget.card_cvc', 'widget.card_name', 'widget.postal_code'];

async function fillCardIn(page, messages, number) {
  const values = [number, exp.typed, '123', 'Camille Roy', 'H2X 1Y4'];
  for (let i = 0; i < CARD_LABELS.length; i++) await field(page, say(messages, CARD_LABELS[i])).fill(values[i]);
  await nextFrames(page);
}

describe('the widget in French and Spanish', () => {
  test('pays part of an invoice in French, typed with French separators, then the remainder', async () => {
    const { invoice, token } = await suite.admin.payableInvoice({
      amount: 18500, partial: { type: 'percent', basis_points: 2500 }, card: true, bankDebit: ['ach'],
    });
    await withPage({}, async (page) => {
      // The loader's `locale` option reaches the frame as ?locale= (web/embed.js).
      await openWidget(page, suite.server, token, '?locale=fr');
      await waitForStage(page, 'review');
      assert.equal(await page.locator('html').getAttribute('lang'), 'fr', 'screen readers read French');
      assert.equal(await page.locator('#pw-root').getAttribute('aria-label'), say(FR, 'widget.frame_label'));
      const due = await money(page, 'fr', invoice.balance);
      assert.match(due, /185,00/, 'French decimals');
      await page.getByRole('heading', { level: 2, name: say(FR, 'widget.amount_due_name', { amount: due }), exact: true }).waitFor();
      await assertAccessibleScreen(page, 'fr-review');

      await press(button(page, say(FR, 'widget.pay_now')));
      await waitForStage(page, 'amount');
      await page.getByRole('heading', { level: 2, name: say(FR, 'widget.amount_title'), exact: true }).waitFor();
      assert.equal(await page.getByRole('radio', {
        name: say(FR, 'widget.label_detail', { label: say(FR, 'widget.pay_full'), detail: due }), exact: true,
      }).isChecked(), true);
      await press(page.getByRole('radio', { name: say(FR, 'widget.pay_part'), exact: true }));
      // 60,50 with a French decimal comma is 6050 minor units.
      await field(page, say(FR, 'widget.amount_label')).fill('60,50');
      await nextFrames(page);
      const remaining = await money(page, 'fr', invoice.balance - 6050);
      assert.equal(await mirrored(page, say(FR, 'widget.label_value',
        { label: say(FR, 'widget.remaining_balance'), value: remaining })).count(), 1, 'the typed amount was read as 60.50');
      await assertAccessibleScreen(page, 'fr-amount');

      await press(button(page, say(FR, 'widget.continue')));
      await waitForStage(page, 'method');
      assert.equal(await page.getByRole('radio', { name: say(FR, 'widget.scheme_ach'), exact: true }).count(), 1);
      await assertAccessibleScreen(page, 'fr-method');
      await press(page.getByRole('radio', { name: say(FR, 'widget.new_card'), exact: true }));
      await press(button(page, say(FR, 'widget.continue')));

      await waitForStage(page, 'details');
      await page.getByRole('heading', { level: 2, name: say(FR, 'widget.card_details'), exact: true }).waitFor();
      const paid = await money(page, 'fr', 6050);
      const submit = button(page, say(FR, 'widget.pay_amount', { amount: paid }));
      assert.equal(await submit.isDisabled(), true);
      const missing = page.locator(`[id="${await submit.getAttribute('aria-describedby')}"]`);
      const fields = ['number', 'exp', 'cvc', 'name', 'postal_code'].map((f) => FR[`field.${f}`]);
      assert.equal(await missing.textContent(), say(FR, 'hint.enter_fields', { fields: sayList(FR, fields) }));
      await fillCardIn(page, FR, VISA);
      assert.equal(await submit.isEnabled(), true);
      await assertAccessibleScreen(page, 'fr-card');

      await press(submit);
      await waitForStage(page, 'succeeded');
      await page.getByRole('heading', { level: 1, name: say(FR, 'widget.payment_successful'), exact: true }).waitFor();
      assert.equal(await mirrored(page, say(FR, 'widget.label_value', { label: say(FR, 'widget.amount_paid'), value: paid })).count(), 1);
      assert.equal(await page.getByRole('link', { name: say(FR, 'widget.view_receipt'), exact: true }).count(), 1);
      assert.equal(await button(page, say(FR, 'widget.pay_remainder', { amount: remaining })).count(), 1);
      await assertAccessibleScreen(page, 'fr-succeeded');
      const view = await suite.admin.invoice(invoice.id);
      assert.equal(view.invoice.balance, invoice.balance - 6050, 'the server took 60.50');

      // The remainder, in the same journey and in French: the last payment
      // allowed clears the balance, so it is the remainder in full. A
      // decline first, then a card that pays.
      await press(button(page, say(FR, 'widget.pay_remainder', { amount: remaining })));
      await waitForStage(page, 'review');
      await page.getByRole('heading', { level: 2, name: say(FR, 'widget.amount_due_name', { amount: remaining }), exact: true }).waitFor();
      assert.equal(await mirrored(page, say(FR, 'widget.label_value',
        { label: say(FR, 'widget.amount_paid'), value: paid })).count(), 1, 'the first payment, in French');
      await assertAccessibleScreen(page, 'fr-remainder');
      await press(button(page, say(FR, 'widget.pay_now')));
      await waitForStage(page, 'method');  // the full remainder only: no amount to choose
      await press(page.getByRole('radio', { name: say(FR, 'widget.new_card'), exact: true }));
      await press(button(page, say(FR, 'widget.continue')));
      await waitForStage(page, 'details');
      await fillCardIn(page, FR, '4000 0000 0000 9995');  // the test processor: insufficient_funds
      await assertAccessibleScreen(page, 'fr-remainder-card');
      await press(button(page, say(FR, 'widget.pay_amount', { amount: remaining })));
      await waitForStage(page, 'declined');
      assert.equal(await mirrored(page, `${say(FR, 'widget.decline_card_title')} ${say(FR, 'decline.insufficient_funds')}`).count(), 1,
        'the decline in French');
      await assertAccessibleScreen(page, 'fr-declined');
      await field(page, say(FR, 'widget.card_number')).fill(VISA);
      await nextFrames(page);
      await press(button(page, say(FR, 'widget.try_again_pay', { amount: remaining })));
      await waitForStage(page, 'succeeded');
      await page.getByRole('heading', { level: 1, name: say(FR, 'widget.payment_successful'), exact: true }).waitFor();
      assert.equal(await mirrored(page, say(FR, 'widget.label_value', { label: say(FR, 'widget.amount_paid'), value: remaining })).count(), 1);
      assert.equal(await mirrored(page, say(FR, 'widget.paid_in_full')).count(), 1);
      assert.equal(await button(page, say(FR, 'widget.pay_remainder', { amount: remaining })).count(), 0, 'nothing left to pay');
      await assertAccessibleScreen(page, 'fr-paid-in-full');
      assert.equal((await suite.admin.invoice(invoice.id)).invoice.status, 'paid');
    });
  });

  test('declines then pays in Spanish, chosen from the browser languages', async () => {
    const { invoice, token } = await suite.admin.payableInvoice({
      amount: 5100, partial: { type: 'percent', basis_points: 5000 }, card: true, bankDebit: ['ach'],
    });
    await withPage({ locale: 'es-MX' }, async (page) => {
      await openWidget(page, suite.server, token);
      await waitForStage(page, 'review');
      assert.equal(await page.locator('html').getAttribute('lang'), 'es');
      const due = await money(page, 'es', invoice.balance);
      await page.getByRole('heading', { level: 2, name: say(ES, 'widget.amount_due_name', { amount: due }), exact: true }).waitFor();
      await assertAccessibleScreen(page, 'es-review');
      await press(button(page, say(ES, 'widget.pay_now')));
      await waitForStage(page, 'amount');
      await page.getByRole('heading', { level: 2, name: say(ES, 'widget.amount_title'), exact: true }).waitFor();
      await assertAccessibleScreen(page, 'es-amount');
      await press(button(page, say(ES, 'widget.continue')));  // in full
      await waitForStage(page, 'method');
      assert.equal(await page.getByRole('radio', { name: say(ES, 'widget.scheme_ach'), exact: true }).count(), 1);
      await assertAccessibleScreen(page, 'es-method');
      await press(page.getByRole('radio', { name: say(ES, 'widget.new_card'), exact: true }));
      await press(button(page, say(ES, 'widget.continue')));
      await waitForStage(page, 'details');
      await page.getByRole('heading', { level: 2, name: say(ES, 'widget.card_details'), exact: true }).waitFor();
      await fillCardIn(page, ES, '4000 0000 0000 9995');  // the test processor: insufficient_funds
      await assertAccessibleScreen(page, 'es-card');
      await press(button(page, say(ES, 'widget.pay_amount', { amount: due })));
      await waitForStage(page, 'declined');
      assert.equal(await mirrored(page, `${say(ES, 'widget.decline_card_title')} ${say(ES, 'decline.insufficient_funds')}`).count(), 1,
        'the decline in Spanish');
      await assertAccessibleScreen(page, 'es-declined');

      await field(page, say(ES, 'widget.card_number')).fill(VISA);
      await nextFrames(page);
      await press(button(page, say(ES, 'widget.try_again_pay', { amount: due })));
      await waitForStage(page, 'succeeded');
      await page.getByRole('heading', { level: 1, name: say(ES, 'widget.payment_successful'), exact: true }).waitFor();
      assert.equal(await mirrored(page, say(ES, 'widget.paid_in_full')).count(), 1);
      await assertAccessibleScreen(page, 'es-succeeded');
    });
  });
});
