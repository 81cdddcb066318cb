// The payer's pages in their language (issue 12) in real headless Chromium
// against the real server: a browser whose locale is fr-CA or es (Playwright
// sends it as Accept-Language) gets /pay/<token>, the portal's sign-in, a
// portal invoice and a receipt in Canadian French or Spanish, with
// <html lang> set, amounts and dates for that locale, no axe-core violation,
// and nothing wider than a 320 px phone; then the portal's Invoices &
// Billing, Payment methods and Account pages. Screenshots:
// build/e2e-artifacts/pages-<page>-<locale>-<width>.png. Then the invoice
// email to a client whose stored language is Spanish, read from the outbox.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertAccessiblePage, assertClean } from './helpers/assertions.mjs';
import { newWidgetPage } from './helpers/browser.mjs';
import { sendInvoiceEmail } from './helpers/pages.mjs';
import { startServerAndBrowser } from './helpers/suite.mjs';

let server;
let browser;
let admin;
let cleanup;

before(async () => ({ server, browser, admin, cleanup } = await startServerAndBrowser()));
after(() => cleanup?.());

// What each language says, as the catalogue (shared/messages) has it.
const WORDS = {
  'fr-CA': {
    lang: 'fr-CA',
    invoice: (n) => `Facture ${n}`,
    payHeading: 'Payer la facture',
    balanceDue: 'Solde dû',
    amount: /^120,00\s\$\sUS$/,
    signInHeading: 'Connectez-vous à votre portail client',
    email: 'Courriel',
    password: 'Mot de passe',
    signIn: 'Se connecter',
    receipt: 'Reçu',
    print: 'Imprimer le reçu',
    pending: 'Factures en attente',
    portalPages: [['Factures et paiements', 'Factures et paiements', 'billing'],
      ['Modes de paiement', 'Modes de paiement', 'payment-methods'], ['Compte', 'Votre compte', 'account']],
  },
  es: {
    lang: 'es',
    invoice: (n) => `Factura ${n}`,
    payHeading: 'Pagar factura',
    balanceDue: 'Saldo pendiente',
    amount: /^120,00\sUS\$$/,
    signInHeading: 'Inicie sesión en su portal del cliente',
    email: 'Correo electrónico',
    password: 'Contraseña',
    signIn: 'Iniciar sesión',
    receipt: 'Recibo',
    print: 'Imprimir recibo',
    pending: 'Facturas pendientes',
    portalPages: [['Facturas y pagos', 'Facturas y pagos', 'billing'],
      ['Métodos de pago', 'Métodos de pago', 'payment-methods'], ['Cuenta', 'Su cuenta', 'account']],
  },
};
const WIDTHS = [320, 1280];

// The page has no horizontal scrollbar at its width (French is long).
async function assertFits(page, where) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${where} scrolls sideways by ${overflow}px`);
}

async function checkPage(page, name, words) {
  assert.equal(await page.getAttribute('html', 'lang'), words.lang, `${name}: <html lang>`);
  await assertFits(page, name);
  await assertAccessiblePage(page, server, name);
  await assertClean(page);
}

for (const [locale, words] of Object.entries(WORDS)) {
  describe(`a payer whose browser speaks ${locale}`, () => {
    let payable;
    let paid;
    let portal;

    before(async () => {
      payable = await admin.payableInvoice({ amount: 12000 });
      const settled = await admin.payableInvoice({ amount: 12000 });
      const payment = await admin.payByLink(settled.token, settled.invoice, 12000);
      assert.equal(payment.status, 'succeeded');
      paid = { ...settled, payment };
      // A portal client with no stored language: Accept-Language decides.
      const email = `i18n-${locale}-${process.pid}-${Date.now()}@example.com`;
      const r = await server.api('/api/v1/admin/clients', {
        method: 'POST', headers: { Authorization: `Bearer ${server.adminKey}` },
        body: { name: 'Camille Tremblay', email, portal_password: 'portal-secret-42' },
      });
      assert.equal(r.status, 201, r.text);
      portal = { ...r.json.client, password: 'portal-secret-42' };
      portal.invoice = await admin.createInvoice({ clientId: portal.id, amount: 12000 });
    });

    for (const width of WIDTHS) {
      test(`/pay, the receipt, the portal's sign-in and an invoice at ${width} px`, async () => {
        const page = await newWidgetPage(browser, { width, height: 900, locale });
        try {
          // /pay/<token>: the invoice above the widget.
          await page.goto(`${server.baseUrl}/pay/${payable.token}`, { waitUntil: 'load' });
          await page.getByRole('heading', { level: 1, name: words.invoice(payable.invoice.number), exact: true }).waitFor();
          await page.getByRole('heading', { level: 2, name: words.payHeading, exact: true }).waitFor();
          const balance = page.locator('.invoice-summary .fact-main');
          assert.equal((await balance.locator('dt').textContent()).trim(), words.balanceDue);
          assert.match((await balance.locator('dd').textContent()).trim(), words.amount);
          await checkPage(page, `pay-${locale}-${width}`, words);

          // The receipt of a paid invoice.
          await page.goto(`${server.baseUrl}/pay/${paid.token}/receipts/${paid.payment.id}`, { waitUntil: 'load' });
          await page.getByRole('heading', { level: 1, name: words.invoice(paid.invoice.number), exact: true }).waitFor();
          assert.equal((await page.locator('.receipt .eyebrow').textContent()).trim(), words.receipt);
          await page.getByRole('button', { name: words.print, exact: true }).waitFor();
          await checkPage(page, `receipt-${locale}-${width}`, words);

          // The portal: sign in (labels in this language), then an invoice.
          const next = `/portal/invoices/${portal.invoice.id}`;
          await page.goto(`${server.baseUrl}/portal/login?next=${encodeURIComponent(next)}`, { waitUntil: 'load' });
          await page.getByRole('heading', { level: 1, name: words.signInHeading, exact: true }).waitFor();
          await checkPage(page, `portal-sign-in-${locale}-${width}`, words);
          await page.getByLabel(words.email, { exact: true }).fill(portal.email);
          await page.getByLabel(words.password, { exact: true }).fill(portal.password);
          await Promise.all([
            page.waitForURL((u) => u.pathname === next, { timeout: 15000 }),
            page.getByRole('button', { name: words.signIn, exact: true }).click(),
          ]);
          await page.getByRole('heading', { level: 1, name: words.invoice(portal.invoice.number), exact: true }).waitFor();
          await page.getByRole('navigation').getByRole('link', { name: words.pending, exact: true }).waitFor();
          await checkPage(page, `portal-invoice-${locale}-${width}`, words);

          // The portal's other pages, by their navigation.
          for (const [link, heading, name] of words.portalPages) {
            await Promise.all([
              page.waitForNavigation(),
              page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click(),
            ]);
            await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
            await checkPage(page, `portal-${name}-${locale}-${width}`, words);
          }
        } finally {
          await page.context().close();
        }
      });
    }
  });
}

describe('a client whose stored language is Spanish', () => {
  test('gets the invoice email in Spanish: subject, text and HTML', async () => {
    const r = await server.api('/api/v1/admin/clients', {
      method: 'POST', headers: { Authorization: `Bearer ${server.adminKey}` },
      body: { name: 'Lucía Fernández', email: `es-${process.pid}-${Date.now()}@example.com`, locale: 'es' },
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.client.locale, 'es');
    const invoice = await admin.createInvoice({ clientId: r.json.client.id, amount: 12000 });
    const { mail, sent } = await sendInvoiceEmail(server, invoice.id);
    const decodeSubject = (s) => s.replace(/=\?UTF-8\?B\?([^?]+)\?=/gi, (_, b) => Buffer.from(b, 'base64').toString('utf8'));
    assert.ok(decodeSubject(mail.headers.subject).startsWith(`Factura ${invoice.number} de `), mail.headers.subject);
    const text = mail.parts.find((p) => p.type === 'text/plain').text;
    const html = mail.parts.find((p) => p.type === 'text/html').text;
    assert.match(text, /^Hola, Lucía Fernández:/);
    assert.match(text, /Saldo pendiente: 120,00\sUS\$/);
    assert.ok(text.includes(`Pagar factura: ${sent.link.url}`), text);
    assert.match(html, /<html lang="es">/);
    assert.ok(html.includes(`>Pagar factura</a>`), html);
    assert.ok(!text.includes('Balance due') && !html.includes('Pay Invoice'));
  });
});
