// Bank-debit mandates in the payer's language, in real headless Chromium
// against the real server: a payer whose widget speaks Canadian French pays a
// CAD invoice by PAD; the authorization shown is the catalogue's French DPA
// text (shared/messages/fr.json "mandate.pad", read here, never copied); the
// mandate the server records carries that language (fr-CA) and that text's
// version. A Spanish payer sees the ACH authorization in Spanish. Each
// screen is audited by axe-core and photographed (build/e2e-artifacts/
// widget-fr-bank*.png, widget-es-bank*.png).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { assertAccessibleScreen } from './helpers/assertions.mjs';
import {
  field, mirror, nextFrames, nextPaymentResponse, openWidget, press, settleFrames, waitForStage,
} from './helpers/browser.mjs';
import { catalogue, money, say, withWidgetPage } from './helpers/i18n.mjs';
import { repoRoot } from './helpers/server.mjs';
import { startServerAndBrowser } from './helpers/suite.mjs';

let suite;  // { server, browser, admin, cleanup }
before(async () => { suite = await startServerAndBrowser({ server: { settleDelaySeconds: 3600 } }); });
after(() => suite?.cleanup?.());

const FR_CA = catalogue('fr-CA');
const ES = catalogue('es');
const button = (page, name) => page.getByRole('button', { name, exact: true });
const withPage = (options, fn) => withWidgetPage(suite.browser, options, fn);

// Test accounts that settle, from server/processor/README.md's table.
function settlingAccount(scheme) {
  const text = readFileSync(path.join(repoRoot, 'server', 'processor', 'README.md'), 'utf8');
  const re = scheme === 'pad'
    ? /\| PAD \| institution (\d{3}), transit (\d{5}), account (\d+) \| settles \|/
    : /\| ACH \| routing (\d{9}), account (\d+) \| settles \|/;
  const m = re.exec(text);
  if (!m) throw new Error(`e2e: no settling ${scheme} test account in server/processor/README.md`);
  return scheme === 'pad' ? { institution: m[1], transit: m[2], account: m[3] } : { routing: m[1], account: m[2] };
}

// The mandate recorded for the invoice's payment, read from the server's own
// database (read-only): no API shows mandates to anyone yet.
function recordedMandate(server, invoiceId) {
  const out = execFileSync('sqlite3', ['-readonly', '-json', path.join(server.dataDir, 'paywidget.db'),
    'SELECT m.scheme, m.locale, m.text_version, m.text FROM mandates m JOIN payments p ON p.mandate_id = m.id ' +
    `WHERE p.invoice_id = '${invoiceId.replace(/[^A-Za-z0-9_-]/g, '')}'`], { encoding: 'utf8' });
  const rows = JSON.parse(out || '[]');
  assert.equal(rows.length, 1, `one mandate for ${invoiceId}: ${out}`);
  return rows[0];
}

describe('bank-debit mandates in French and Spanish', () => {
  test('a Canadian French payer pays by PAD; the mandate is recorded in fr-CA with its version', async () => {
    const { invoice, token } = await suite.admin.payableInvoice({
      currency: 'CAD', amount: 15000, card: false, bankDebit: ['pad'],
    });
    const { institution, transit, account } = settlingAccount('pad');
    await withPage({ locale: 'en-US' }, async (page) => {
      // The loader's `locale` option wins over the browser's English.
      await openWidget(page, suite.server, token, '?locale=fr-CA');
      await waitForStage(page, 'review');
      assert.equal(await page.locator('html').getAttribute('lang'), 'fr-CA');
      await press(button(page, say(FR_CA, 'widget.pay_now')));
      // The full balance and one method: straight to the bank form.
      await waitForStage(page, 'details');
      await page.getByRole('heading', { level: 2, name: say(FR_CA, 'widget.scheme_pad'), exact: true }).waitFor();
      const shown = say(FR_CA, 'mandate.pad', { practitioner: invoice.practitioner.name });
      assert.match(shown, /accord de débit préautorisé/);
      assert.equal(await mirror(page).getByText(shown, { exact: true }).count(), 1, 'the French DPA authorization');

      await field(page, say(FR_CA, 'widget.account_holder')).fill('Jean Tremblay');
      await field(page, say(FR_CA, 'widget.transit_number')).fill(transit);
      await field(page, say(FR_CA, 'widget.institution_number')).fill(institution);
      await field(page, say(FR_CA, 'widget.account_number')).fill(account);
      await settleFrames(page);
      const consent = page.getByRole('checkbox', { name: say(FR_CA, 'widget.mandate_accept'), exact: true });
      assert.equal(await consent.isChecked(), false, 'the authorization starts unticked');
      const due = await money(page, 'fr-CA', invoice.balance, 'CAD');
      const submit = button(page, say(FR_CA, 'widget.pay_amount', { amount: due }));
      assert.equal(await submit.isDisabled(), true, 'no debit without the authorization');
      const reason = page.locator(`[id="${await submit.getAttribute('aria-describedby')}"]`);
      assert.equal(await reason.textContent(), say(FR_CA, 'hint.accept_mandate'));
      await press(consent);
      // The mirror shows the last frame drawn: the click is handled a frame
      // or two after it lands (measured 7-78 ms after nextFrames), so wait,
      // bounded, for the frame that ticked it (the one that enables Pay), the
      // way press() waits for an enabled item.
      await page.waitForFunction((el) => el && !el.disabled, await submit.elementHandle(), { timeout: 5000 });
      assert.equal(await consent.isChecked(), true);
      assert.equal(await submit.isEnabled(), true);
      await assertAccessibleScreen(page, 'fr-bank');

      const responseP = nextPaymentResponse(page);
      await press(submit);
      const response = await (await responseP).json();
      assert.equal(response.payment.status, 'processing', JSON.stringify(response.payment));
      await waitForStage(page, 'succeeded');
      await page.getByRole('heading', { level: 1, name: say(FR_CA, 'widget.debit_submitted'), exact: true }).waitFor();
      assert.equal(await mirror(page).getByText(say(FR_CA, 'widget.status_name',
        { status: say(FR_CA, 'widget.status_processing') }), { exact: true }).count(), 1);
      await assertAccessibleScreen(page, 'fr-bank-processing');
    });

    // What the server kept: the French text the payer read, its language
    // and the version naming that wording (the link view's own).
    const view = (await suite.server.api(`/api/v1/links/${token}`, { headers: { 'Accept-Language': 'fr-CA' } })).json;
    const offered = view.mandates.find((m) => m.scheme === 'pad');
    assert.equal(offered.locale, 'fr-CA');
    assert.match(offered.version, /^pad-fr-CA-[0-9a-f]{8}$/);
    const recorded = recordedMandate(suite.server, invoice.id);
    assert.equal(recorded.scheme, 'pad');
    assert.equal(recorded.locale, 'fr-CA');
    assert.equal(recorded.text_version, offered.version);
    assert.equal(recorded.text, say(FR_CA, 'mandate.pad', { practitioner: invoice.practitioner.name }));
  });

  test('a Spanish payer reads the ACH authorization in Spanish', async () => {
    const { invoice, token } = await suite.admin.payableInvoice({ amount: 9000, card: true, bankDebit: ['ach'] });
    const { routing, account } = settlingAccount('ach');
    await withPage({ locale: 'es-US' }, async (page) => {
      await openWidget(page, suite.server, token);
      await waitForStage(page, 'review');
      assert.equal(await page.locator('html').getAttribute('lang'), 'es');
      await press(button(page, say(ES, 'widget.pay_now')));
      await waitForStage(page, 'method');
      await press(page.getByRole('radio', { name: say(ES, 'widget.scheme_ach'), exact: true }));
      await press(button(page, say(ES, 'widget.continue')));
      await waitForStage(page, 'details');
      const shown = say(ES, 'mandate.ach', { practitioner: invoice.practitioner.name });
      assert.equal(await mirror(page).getByText(shown, { exact: true }).count(), 1, 'the Spanish ACH authorization');
      await field(page, say(ES, 'widget.account_holder')).fill('Sofía Ramírez');
      await field(page, say(ES, 'widget.routing_number')).fill(routing);
      await field(page, say(ES, 'widget.account_number')).fill(account);
      await press(page.getByRole('checkbox', { name: say(ES, 'widget.mandate_accept'), exact: true }));
      await nextFrames(page);
      await assertAccessibleScreen(page, 'es-bank');
      const due = await money(page, 'es', invoice.balance);
      await press(button(page, say(ES, 'widget.pay_amount', { amount: due })));
      await waitForStage(page, 'succeeded');
      await page.getByRole('heading', { level: 1, name: say(ES, 'widget.debit_submitted'), exact: true }).waitFor();
      await assertAccessibleScreen(page, 'es-bank-processing');
    });
    const recorded = recordedMandate(suite.server, invoice.id);
    assert.equal(recorded.locale, 'es');
    assert.match(recorded.text_version, /^ach-es-[0-9a-f]{8}$/);
  });
});
