// The fonts' extension (issue 14, first-visit bytes): paywidget.wasm carries
// Inter's base only (ASCII, the en texts' letters, the widget's own signs);
// the rest of Latin-1 / Latin Extended-A and most currency signs are two
// files (inter-ext-*.<hash>.otf) fetched only when a text needs them
// (wasm/browser/font_extension.hpp). An en payer with a plain invoice never
// downloads them, nor does a payer who reads fr or es; "Łukasz" on a line
// item does, and the letters are drawn with them (the canvas differs from a load where they
// could not be had, which still shows the invoice).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { recordRequests, screenshot, settleFrames, openWidget, waitForStage } from './helpers/browser.mjs';
import { withWidgetPage } from './helpers/i18n.mjs';
import { startServerAndBrowser } from './helpers/suite.mjs';

let suite;  // { server, browser, admin, cleanup }
before(async () => { suite = await startServerAndBrowser(); });
after(() => suite?.cleanup?.());

const EXTENSION = /\/inter-ext-(regular|semibold)\.[0-9a-f]+\.otf$/;
const NAMES = 'Séance avec Łukasz Dvořák';  // é is in the base; Ł, ř only in the extension

const fontState = (page) => page.evaluate(() => window.Module.pwFontExtensionState ?? null);

// Opens `token`, waits for the review screen drawn and at rest; returns the
// extension requests seen, its state and the canvas's pixels.
async function load(page, token, query = '') {
  const requests = recordRequests(page, EXTENSION);
  await openWidget(page, suite.server, token, query);
  await waitForStage(page, 'review');
  await settleFrames(page);
  const canvas = await page.locator('#pw-canvas').screenshot();
  return { requests, state: await fontState(page), canvas };
}

test('an en invoice in plain ASCII never downloads the fonts extension', async () => {
  const { token } = await suite.admin.payableInvoice({ amount: 12000 });
  await withWidgetPage(suite.browser, {}, async (page) => {
    const { requests, state } = await load(page, token);
    assert.deepEqual(requests, []);
    assert.equal(state, null, 'nothing asked for it');
    assert.deepEqual(page.pwErrors, []);
  });
});

test('a name with "Ł" on an en invoice fetches the extension once and draws with it', async () => {
  const { token } = await suite.admin.payableInvoice({
    items: [{ description: NAMES, quantity: 1, unit_amount: 9000 }],
  });
  const loaded = await withWidgetPage(suite.browser, {}, async (page) => {
    const seen = await load(page, token);
    assert.equal(seen.state, 'loaded');
    assert.deepEqual(seen.requests.map((r) => r.path.match(EXTENSION)[1]).sort(), ['regular', 'semibold'],
      'each weight once');
    assert.equal(await page.getByText(`${NAMES}: $90.00`, { exact: true }).count(), 1, 'the mirror reads the line item');
    await screenshot(page, 'widget-fonts-extension');
    assert.deepEqual(page.pwErrors, []);
    assert.deepEqual(page.pwHttpErrors, []);
    return seen.canvas;
  });
  // The same invoice with the files unreachable: still drawn (after the
  // wait, "?" for the letters it lacks), and visibly not the same pixels.
  await withWidgetPage(suite.browser, {}, async (page) => {
    await page.route(EXTENSION, (route) => route.abort());
    const started = Date.now();
    const seen = await load(page, token);
    assert.equal(seen.state, 'failed');
    assert.ok(Date.now() - started < 15000, 'the invoice shows without the extension');
    assert.equal(await page.getByRole('button', { name: 'Pay Now', exact: true }).count(), 1);
    await screenshot(page, 'widget-fonts-extension-unreachable');
    assert.notDeepEqual(seen.canvas, loaded, 'the extension\'s glyphs reached the canvas');
  });
  // ... while a second load with them draws the very same pixels (so the
  // difference above is the glyphs, not the page).
  await withWidgetPage(suite.browser, {}, async (page) => {
    const seen = await load(page, token);
    assert.equal(seen.state, 'loaded');
    assert.deepEqual(seen.canvas, loaded);
  });
});

test('a French or Spanish payer reads the widget in the base: no extension requested', async () => {
  // Each language's letters ("ç", "è", "û", "ñ", "¿") are in the wasm's
  // base, and Intl's month names too ("déc."): a payer who reads fr or es
  // does not download 25 KB of fonts for them.
  const { token } = await suite.admin.payableInvoice({ amount: 18500 });
  for (const locale of ['fr', 'fr-CA', 'es']) {
    await withWidgetPage(suite.browser, {}, async (page) => {
      const { requests, state } = await load(page, token, `?locale=${locale}`);
      assert.equal(await page.evaluate(() => document.documentElement.lang), locale);
      assert.deepEqual(requests, [], locale);
      assert.equal(state, null, `${locale}: no text needed the extension`);
      assert.deepEqual(page.pwErrors, []);
    });
  }
});
