// The pages' scripts in the payer's language (issue 12), in real headless
// Chromium against the real server: the loader (pay-widget.js) says
// "loading", names the frame and says the form could not load in French; a
// portal form shows the API's error in Spanish and site.js's own messages
// (an empty field, no connection) in French; the bank form names an IBAN's
// country in French and Spanish, in its hint and in the refusal of a
// country outside SEPA. Expected words come from the catalogue files
// (shared/messages/<locale>.json), never copied here. Screenshots:
// build/e2e-artifacts/scripts-*.png.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { field, mirror, newWidgetPage, openWidget, press, screenshot, waitForStage } from './helpers/browser.mjs';
import { catalogue, say } from './helpers/catalogue.mjs';
import { startServerAndBrowser } from './helpers/suite.mjs';

let suite;  // { server, browser, admin, cleanup }
before(async () => { suite = await startServerAndBrowser(); });
after(() => suite?.cleanup?.());

const [EN, FR, ES] = ['en', 'fr', 'es'].map(catalogue);

// `fn(page)` in a fresh browser context, closed whatever happens.
const inPage = (options, fn) => newWidgetPage(suite.browser, options)
  .then((page) => Promise.resolve(page).then(fn).finally(() => page.context().close()));

// The text of the elements that describe `locator` (aria-describedby).
const description = (locator) => locator.evaluate((el) => (el.getAttribute('aria-describedby') || '').split(/\s+/)
  .map((id) => document.getElementById(id)?.textContent.trim() || '').filter(Boolean).join(' '));

test('the loader speaks French: loading, the frame\'s name, and a form that did not load', async () => {
  const { token } = await suite.admin.payableInvoice({ amount: 4200 });
  await inPage({ locale: 'fr-FR', width: 800 }, async (page) => {
    // The frame never answers: the placeholder stays, then the loader gives up.
    await page.clock.install();
    await page.route(/\/embed(\?|#|$)/, () => {});
    // Not 'load': a lazy frame already in view may hold the page's load
    // event, and this one never answers.
    await page.goto(`${suite.server.baseUrl}/pay/${token}`, { waitUntil: 'domcontentloaded' });
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    const mount = page.locator('#pay-widget');
    await mount.getByRole('status').filter({ hasText: say(FR, 'page.loader_loading') }).waitFor({ state: 'attached' });
    assert.equal(await mount.getByText(say(EN, 'page.loader_loading')).count(), 0);
    const frame = mount.locator(`iframe[title="${say(FR, 'widget.frame_label')}"]`);
    await frame.waitFor({ state: 'attached' });
    assert.equal(await mount.locator('iframe').count(), 1, 'one frame, named in French');
    await page.clock.fastForward(21000);
    const alert = mount.getByRole('alert');
    await alert.waitFor();
    assert.equal((await alert.textContent()).trim(), say(FR, 'page.loader_failed'));
    await screenshot(page, 'scripts-loader-failed-fr');
  });
});

test('the loader follows the browser\'s languages when the page names none', async () => {
  const { token } = await suite.admin.payableInvoice({ amount: 4300 });
  await inPage({ locale: 'es-MX', width: 800 }, async (page) => {
    await page.route(/\/embed(\?|#|$)/, () => {});
    // A practitioner's page of this host without a locale option.
    await page.route(`${suite.server.baseUrl}/practitioner-page`, (route) => route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="en"><body><div id="w"></div><script src="/pay-widget.js"></script>
        <script src="/practitioner-page.js"></script></body></html>`,
    }));
    await page.route(`${suite.server.baseUrl}/practitioner-page.js`, (route) => route.fulfill({
      contentType: 'text/javascript', body: `PayWidget.mount('#w', { link: ${JSON.stringify(token)} });`,
    }));
    await page.goto(`${suite.server.baseUrl}/practitioner-page`, { waitUntil: 'domcontentloaded' });  // as above
    await page.locator(`#w iframe[title="${say(ES, 'widget.frame_label')}"]`).waitFor({ state: 'attached' });
    await page.locator('#w').getByRole('status').filter({ hasText: say(ES, 'page.loader_loading') })
      .waitFor({ state: 'attached' });
  });
});

test('a portal form shows the API\'s error in Spanish', async () => {
  await inPage({ locale: 'es-ES', width: 480 }, async (page) => {
    await page.goto(`${suite.server.baseUrl}/portal/login`, { waitUntil: 'load' });
    assert.equal(await page.getAttribute('html', 'lang'), 'es');
    await page.getByRole('textbox', { name: say(ES, 'account.email'), exact: true }).fill('nobody@example.com');
    await page.getByLabel(say(ES, 'account.password'), { exact: true }).fill('not the password');
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/session'));
    await page.getByRole('button', { name: say(ES, 'account.sign_in'), exact: true }).click();
    const body = await (await answer).json();
    assert.equal(body.error.code, 'invalid_credentials');
    const alert = page.getByRole('alert').filter({ hasText: say(ES, 'error.invalid_credentials') });
    await alert.waitFor();
    assert.equal(await page.getByText(body.error.message).count(), 0, 'not the API\'s English message');
    await screenshot(page, 'scripts-login-error-es');
  });
});

test('site.js says its own messages in French: an empty field, then no connection', async () => {
  await inPage({ locale: 'fr-FR', width: 480 }, async (page) => {
    await page.goto(`${suite.server.baseUrl}/portal/reset`, { waitUntil: 'load' });
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    const email = page.getByRole('textbox', { name: say(FR, 'account.email'), exact: true });
    const submit = page.getByRole('button', { name: say(FR, 'account.reset_send'), exact: true });
    await submit.click();
    await page.waitForFunction(() => document.querySelector('[aria-invalid="true"]'));
    assert.equal(await description(email), say(FR, 'page.form_email_required'));

    await email.fill('someone@example.com');
    await page.route('**/api/v1/password-resets', (route) => route.abort('internetdisconnected'));
    await submit.click();
    await page.getByRole('alert').filter({ hasText: say(FR, 'page.form_network') }).waitFor();
    await screenshot(page, 'scripts-reset-network-fr');
  });
});

// A SEPA invoice in EUR; the bank form in `locale` (the widget's option).
async function bankForm(page, messages, locale) {
  const { token } = await suite.admin.payableInvoice({ currency: 'EUR', amount: 9000, card: false, bankDebit: ['sepa'] });
  await openWidget(page, suite.server, token, `?locale=${locale}`);
  await waitForStage(page, 'review');
  await press(page.getByRole('button', { name: say(messages, 'widget.pay_now'), exact: true }));
  await waitForStage(page, 'details');
  return field(page, say(messages, 'widget.iban'));
}

for (const [locale, messages] of [['fr', FR], ['es', ES]]) {
  test(`the bank form names the IBAN's country in ${locale}`, async () => {
    await inPage({ width: 480, height: 1100 }, async (page) => {
      const iban = await bankForm(page, messages, locale);
      const holder = field(page, say(messages, 'widget.account_holder'));
      // Brazil issues IBANs but is outside SEPA: refused, naming Brazil.
      await iban.fill('BR97 0036 0305 0000 1000 9795 493P 1');
      await holder.fill('Camille Roy');  // the refusal shows once the field is left
      const refusal = say(messages, 'iban.not_sepa', { country: say(messages, 'country.BR') });
      await mirror(page).getByText(refusal, { exact: true }).waitFor();
      assert.equal(await mirror(page).getByText(refusal.replace(say(messages, 'country.BR'), 'BR'), { exact: true }).count(), 0);
      await screenshot(page, `scripts-iban-not-sepa-${locale}`);
      // Germany: inside SEPA; the hint names it.
      await iban.fill('DE89 3704 0044 0532 0130 00');
      await holder.focus();
      const hint = say(messages, 'widget.iban_country', { country: say(messages, 'country.DE') });
      await mirror(page).getByText(hint, { exact: true }).waitFor();
      assert.equal(await mirror(page).getByText(refusal, { exact: true }).count(), 0);
      await screenshot(page, `scripts-iban-sepa-${locale}`);
    });
  });
}
