// Bytes on the wire for the widget page (/embed), as a payer's browser
// receives them: the first visit gets the build's precompressed files (br
// when the browser accepts it, gzip otherwise), and a second visit in the
// same browser takes the content-hashed assets from its cache (0 bytes) and
// only revalidates the page itself (304).
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  continueToCardForm, field, newWidgetPage, openWidget, screenshot, waitForDeferredCode, waitForStage,
} from './helpers/browser.mjs';
import { repoRoot, wasmDir } from './helpers/server.mjs';
import { startServerAndBrowser } from './helpers/suite.mjs';
import { recordWireBytes, waitForWireSettled } from './helpers/wire_bytes.mjs';

// The goal of issue 14: a first visit until Pay Now is on screen (the
// page, its script and style, the glue, the primary wasm, the invoice)
// within 160 KB, with brotli and with gzip only. Measured
// (tools/bench/widget_bench.mjs): 143.2 KB with brotli, 159.3 KB with gzip
// only, since the code and the texts a first visit does not need come
// after that frame (counted apart), embed.js is minified, the .gz files
// come from zopfli and libc's printf and float scanner left the wasm;
// 204.8 KB / 240.8 KB before. A larger figure is a regression.
const FIRST_VISIT_BR_MAX = 150_000;
const FIRST_VISIT_GZIP_MAX = 160_000;

const manifest = JSON.parse(readFileSync(path.join(wasmDir, 'asset-manifest.json'), 'utf8'));
const wasmBytes = statSync(path.join(wasmDir, manifest['paywidget.wasm'])).size;

let server;
let browser;
let cleanup;

before(async () => ({ server, browser, cleanup } = await startServerAndBrowser()));
after(() => cleanup?.());

const TOKEN = () => server.link(/partial payments/).token;

// A visit until Pay Now is on screen and the deferred code and en's rest
// of the texts, asked for after that frame, have arrived too (their bytes
// are counted apart: wire.of(DEFERRED)).
const DEFERRED = new RegExp(`^/(${[manifest['paywidget.deferred.wasm'], manifest['messages.en.rest.json']]
  .map((f) => f.replaceAll('.', '\\.')).join('|')})$`);
async function visit(page, options) {
  const wire = await recordWireBytes(page, options);
  await openWidget(page, server, TOKEN());
  await waitForStage(page, 'review');
  await waitForDeferredCode(page);
  await waitForWireSettled(page, wire);
  return wire;
}

for (const [encoding, acceptEncoding, max] of [['br', undefined, FIRST_VISIT_BR_MAX], ['gzip', 'gzip', FIRST_VISIT_GZIP_MAX]]) {
  test(`a first visit receives the ${encoding} files, within the measured bytes`, async () => {
    const page = await newWidgetPage(browser);
    try {
      const wire = await visit(page, { acceptEncoding });
      const wasm = wire.requests().find((r) => r.path === `/${manifest['paywidget.wasm']}`);
      assert.ok(wasm, JSON.stringify(wire.requests()));
      assert.equal(wasm.encoding, encoding);
      assert.ok(wasm.bytes < wasmBytes / 2, `wasm ${wasm.bytes} B on the wire of ${wasmBytes} B`);
      for (const r of wire.requests().filter((x) => /\.(js|css|wasm|html)$|^\/embed$/.test(x.path))) {
        assert.equal(r.encoding, encoding, `${r.path} sent as ${r.encoding || 'identity'}`);
      }
      const hashed = wire.requests().filter((r) => Object.values(manifest).includes(r.path.slice(1)));
      // paywidget.<hash>.wasm, .js, embed.<hash>.css, .js, then paywidget.deferred.<hash>.wasm
      // and messages.en.rest.<hash>.json.
      assert.equal(hashed.length, 6, JSON.stringify(wire.requests()));
      for (const r of hashed) assert.equal(r.cacheControl, 'public, max-age=31536000, immutable', r.path);
      assert.equal(wire.requests().find((r) => r.path === '/embed').cacheControl, 'no-cache');
      const deferred = wire.of(DEFERRED);
      assert.ok(deferred > 0, JSON.stringify(wire.requests()));
      const untilPayNow = wire.total() - deferred;
      assert.ok(untilPayNow <= max, `first visit: ${untilPayNow} B > ${max} B: ${JSON.stringify(wire.requests())}`);
    } finally {
      await page.context().close();
    }
  });
}

test('a second visit in the same browser downloads none of the widget assets', async () => {
  const first = await newWidgetPage(browser);
  const context = first.context();
  try {
    await visit(first);
    await first.close();
    const again = await context.newPage();
    const wire = await visit(again);
    const assets = wire.requests().filter((r) => Object.values(manifest).includes(r.path.slice(1)));
    // paywidget.<hash>.wasm and .js, embed.<hash>.css and .js, paywidget.deferred.<hash>.wasm,
    // messages.en.rest.<hash>.json: all asked for, none fetched.
    assert.equal(assets.length, 6, JSON.stringify(wire.requests()));
    for (const r of assets) assert.equal(r.bytes, 0, `${r.path}: ${r.bytes} B on a repeat visit`);
    assert.equal(wire.of(/\.wasm$/), 0);
    // The page itself is revalidated: 304, headers only.
    const page = wire.requests().find((r) => r.path === '/embed');
    assert.equal(page.wireStatus, 304, JSON.stringify(page));
    assert.ok(page.bytes < 1500, `/embed: ${page.bytes} B`);
  } finally {
    await context.close();
  }
});

// web/embed.js asks for the invoice while the wasm downloads, and the
// preload in embed.html fetches the wasm before paywidget.js names it; the
// widget must take both over, not ask again.
test('one page load asks once for the wasm and once for the invoice, the invoice before the widget starts', async () => {
  const page = await newWidgetPage(browser);
  try {
    const wire = await visit(page);
    const paths = wire.requests().map((r) => r.path);
    for (const wasm of [manifest['paywidget.wasm'], manifest['paywidget.deferred.wasm']]) {
      assert.equal(paths.filter((p) => p === `/${wasm}`).length, 1, JSON.stringify(paths));
    }
    assert.equal(paths.filter((p) => /\.wasm$/.test(p)).length, 2, JSON.stringify(paths));
    assert.equal(paths.filter((p) => p.startsWith('/api/v1/links/')).length, 1, JSON.stringify(paths));
    // The request was made by the page script, before the runtime was up
    // (the widget's 'pw:main' mark, wasm/browser/app.cpp), not by the widget.
    const order = await page.evaluate(() => {
      const link = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/v1/links/'));
      const main = performance.getEntriesByName('pw:main', 'mark')[0];
      return { link: link && link.startTime, main: main && main.startTime };
    });
    assert.ok(order.link < order.main, JSON.stringify(order));
  } finally {
    await page.context().close();
  }
});

// The text inputs draw with Inter, as the canvas does (web/embed.css's
// @font-face, wasm/fonts/make_webfont.py). The browser fetches a web font
// only when text on screen uses it: the review screen has no input, so the
// first visit's bytes until Pay Now stay as measured above; the card form
// brings it, once, cached as immutable.
const FONT_FAMILY = 'Paywidget Inter';

test('the inputs\' web font is not downloaded for the review screen, and is for the card form', async () => {
  const page = await newWidgetPage(browser);
  try {
    const wire = await visit(page);
    const font = `/${manifest['inter.woff2']}`;
    const fontRequests = () => wire.requests().filter((r) => r.path === font);
    assert.deepEqual(fontRequests(), [], 'no font on the review screen');

    await continueToCardForm(page, server, TOKEN());
    const number = field(page, 'Card number');
    await number.waitFor({ state: 'visible' });
    await page.waitForFunction((family) => [...document.fonts].some((f) => f.family.replace(/"/g, '') === family &&
      f.status === 'loaded'), FONT_FAMILY, { timeout: 10000 });
    await waitForWireSettled(page, wire);
    const [got] = fontRequests();
    assert.equal(fontRequests().length, 1, JSON.stringify(wire.requests()));
    assert.equal(got.status, 200);
    assert.equal(got.cacheControl, 'public, max-age=31536000, immutable');
    assert.equal(got.encoding, '', 'WOFF2 is compressed already: sent as it is');
    const size = statSync(path.join(wasmDir, manifest['inter.woff2'])).size;
    assert.ok(got.bytes >= size && got.bytes < size + 1000, `${got.bytes} B on the wire for a ${size} B file`);

    const family = await number.evaluate((el) => getComputedStyle(el).fontFamily);
    assert.ok(family.startsWith(`"${FONT_FAMILY}"`), family);
    assert.equal(await page.evaluate((f) => document.fonts.check(`16px "${f}"`), FONT_FAMILY), true);
    // Typed text is drawn with it (the face covers digits and Latin).
    await number.fill('4242 4242 4242 4242');
    await field(page, 'Name on card').fill('Łukasz Dvořák');
    assert.equal(await page.evaluate((f) => document.fonts.check(`16px "${f}"`, '4242 Łukasz'), FONT_FAMILY), true);
    await screenshot(page, 'widget-card-web-font');
  } finally {
    await page.context().close();
  }
});

// Only the payer's language is downloaded: en's first-visit texts are in
// the wasm, every other language's are its own hashed file
// (tools/messages/compile_messages.py --widget), which web/embed.js asks
// for while the wasm downloads; the rest of the texts (en's, and the
// payer's language's) come with the deferred code.
const catalogueFiles = (wire) => wire.requests().filter((r) => /^\/messages\./.test(r.path));

test('an English visit downloads no other language: en\'s rest of the texts only, with the deferred code', async () => {
  const page = await newWidgetPage(browser, { locale: 'en-US' });
  try {
    const wire = await visit(page);
    assert.deepEqual(catalogueFiles(wire).map((r) => r.path), [`/${manifest['messages.en.rest.json']}`]);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  } finally {
    await page.context().close();
  }
});

test('a French (Canada) visit downloads its language\'s first file, once, in parallel with the wasm, cached immutable', async () => {
  const messages = (locale) => JSON.parse(readFileSync(path.join(repoRoot, 'shared/messages', `${locale}.json`), 'utf8'));
  const frameLabel = messages('fr-CA')['widget.frame_label'] || messages('fr')['widget.frame_label'];
  const first = await newWidgetPage(browser, { locale: 'fr-CA' });
  const context = first.context();
  try {
    const wire = await visit(first);
    const file = `/${manifest['messages.fr-CA.json']}`;
    const rests = [`/${manifest['messages.en.rest.json']}`, `/${manifest['messages.fr-CA.rest.json']}`];
    assert.deepEqual(catalogueFiles(wire).map((r) => r.path).sort(), [file, ...rests].sort());
    const got = catalogueFiles(wire).find((r) => r.path === file);
    assert.equal(got.status, 200);
    assert.equal(got.encoding, 'br');
    assert.equal(got.cacheControl, 'public, max-age=31536000, immutable');
    // Asked for by embed.js before the runtime was up, not after it.
    const order = await first.evaluate(() => {
      const f = performance.getEntriesByType('resource').find((e) => /\/messages\.fr-CA\.[0-9a-f]+\.json$/.test(e.name));
      const main = performance.getEntriesByName('pw:main', 'mark')[0];
      return { file: f && f.startTime, main: main && main.startTime };
    });
    assert.ok(order.file < order.main, JSON.stringify(order));
    // The widget speaks it.
    assert.equal(await first.evaluate(() => document.documentElement.lang), 'fr-CA');
    assert.equal(await first.locator('#pw-root').getAttribute('aria-label'), frameLabel);
    await first.close();

    const again = await context.newPage();
    const repeat = await visit(again);
    assert.deepEqual(catalogueFiles(repeat).map((r) => [r.path, r.bytes]).sort(), [file, ...rests].sort().map((f) => [f, 0]));
  } finally {
    await context.close();
  }
});

// Subresource Integrity (wasm/stage_assets.py): a script that is not the one
// built is refused, and the widget does not start.
test('a tampered widget script is refused by its integrity hash', async () => {
  const page = await newWidgetPage(browser);
  try {
    const script = manifest['paywidget.js'];
    await page.route(`**/${script}`, async (route) => {
      const original = await route.fetch();
      await route.fulfill({ status: 200, contentType: 'text/javascript', body: `${await original.text()}\n/* changed */\n` });
    });
    await page.goto(`${server.baseUrl}/embed#link=${TOKEN()}`, { waitUntil: 'load' });
    await page.waitForTimeout(1000);
    assert.equal(await page.evaluate(() => typeof window.Module.pwStats), 'undefined', 'the widget started');
    assert.ok(page.pwErrors.some((e) => /integrity/i.test(e)), JSON.stringify(page.pwErrors));
  } finally {
    await page.context().close();
  }
});
