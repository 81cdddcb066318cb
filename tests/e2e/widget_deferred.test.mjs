// The widget's deferred code (issue 14, first-visit bytes; wasm/README.md
// "Deferred code"): what a first visit does not run before Pay Now is on
// screen lives in paywidget.deferred.<hash>.wasm. These tests hold the
// promises web/embed.js makes about it:
//   - it is requested only after the first interactive frame, and no
//     deferred function is called before it arrives (a placeholder called
//     early logs a console error, which every browser test counts);
//   - a press before it arrives waits for it, then takes effect;
//   - a file that cannot be had ends in a sentence that says what to do;
//   - the safety net: a deferred function needed before the file arrived
//     starts the page over with all of the code loaded first;
//   - the texts, split the same way: a language's first file, then the
//     rest with the code; a text needed early is a console error, and is
//     drawn once it is in; a language asked for later comes whole.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  newWidgetPage, openWidget, press, recordFirstInteractive, screenshot, settleFrames, stats, waitForDeferredCode, waitForStage,
} from './helpers/browser.mjs';
import { catalogue, say } from './helpers/catalogue.mjs';
import { wasmDir } from './helpers/server.mjs';
import { startServerAndBrowser } from './helpers/suite.mjs';

let server;
let browser;
let cleanup;

before(async () => ({ server, browser, cleanup } = await startServerAndBrowser()));
after(() => cleanup?.());

const manifest = JSON.parse(readFileSync(path.join(wasmDir, 'asset-manifest.json'), 'utf8'));
const DEFERRED = manifest['paywidget.deferred.wasm'];
const deferredUrl = new RegExp(`/${DEFERRED.replaceAll('.', '\\.')}$`);
const payNow = (page) => page.getByRole('button', { name: 'Pay Now', exact: true });

// Activates the mirror's button `name` by calling into the widget directly
// (_pw_on_a11y_activate), past web/embed.js's queue: what no payer can do,
// to reach code or texts before their files arrived.
const activateDirectly = (page, name) => page.evaluate((label) => {
  const button = [...document.querySelectorAll('#pw-a11y button')].find((b) => b.textContent === label);
  const id = button.id.replace(/^pw-a11y-/, '');
  const p = window.Module._malloc(id.length + 1);
  window.Module.HEAPU8.set(new TextEncoder().encode(id + '\0'), p);
  window.Module._pw_on_a11y_activate(p);
}, name);

test('the build splits the widget in two, and the page names the second file with its integrity', () => {
  assert.ok(DEFERRED, 'asset-manifest.json names paywidget.deferred.wasm');
  const loader = readFileSync(path.join(wasmDir, manifest['embed.js']), 'utf8');
  assert.ok(loader.includes(DEFERRED), 'embed.js names the deferred file');
  assert.match(loader, new RegExp(`"${DEFERRED.replaceAll('.', '\\.')}","sha384-[A-Za-z0-9+/=]+"`));
});

test('a first visit asks for the deferred code only after Pay Now is on screen, and never needs it before', async () => {
  const page = await newWidgetPage(browser);
  try {
    await page.context().addInitScript(recordFirstInteractive);
    await openWidget(page, server, server.link(/partial payments/).token);
    await waitForStage(page, 'review');
    const t = { requested: await waitForDeferredCode(page), interactive: await page.evaluate(() => window.__pwInteractiveAt) };
    assert.ok(t.interactive !== null, 'Pay Now was mirrored');
    assert.ok(t.requested >= t.interactive, `requested at ${t.requested} ms, before Pay Now at ${t.interactive} ms`);
    // The steps after Pay Now run from the deferred code.
    await press(payNow(page));
    await waitForStage(page, 'amount');
    assert.deepEqual(page.pwErrors, []);
  } finally {
    await page.context().close();
  }
});

test('a press before the deferred code arrives waits for it, then takes effect', async () => {
  const page = await newWidgetPage(browser);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  try {
    await page.route(deferredUrl, async (route) => { await held; await route.continue(); });
    // At 480 px this invoice's Pay Now lies where the amount step then
    // draws "Pay part now": a click replayed there would choose it.
    await openWidget(page, server, server.link(/CAD invoice/).token);
    await waitForStage(page, 'review');
    // Real clicks, through the mirror onto the canvas: a payer clicking
    // again because nothing happened.
    const pay = await payNow(page).boundingBox();
    const clicked = { x: pay.x + pay.width / 2, y: pay.y + pay.height / 2 };
    for (let i = 0; i < 3; i++) await page.mouse.click(clicked.x, clicked.y);
    await page.waitForTimeout(600);
    assert.equal((await stats(page)).stage, 'review', 'nothing happens while the code is missing');
    release();
    await waitForStage(page, 'amount');
    // One click went through; the ones after it were dropped, not replayed
    // onto the amount step.
    await settleFrames(page);
    const partNow = page.getByRole('radio', { name: /^Pay part now/ });
    const box = await partNow.boundingBox();
    assert.ok(box.y < clicked.y && clicked.y < box.y + box.height, `"Pay part now" at ${JSON.stringify(box)}, clicks at ${clicked.y}`);
    assert.equal(await partNow.isChecked(), false, 'a repeated click was replayed onto the amount step');
    assert.equal((await stats(page)).stage, 'amount');
    assert.deepEqual(page.pwErrors, []);
  } finally {
    release();
    await page.context().close();
  }
});

// The sentence is the catalogue's (page.widget_incomplete), in the payer's language.
for (const locale of ['en', 'es']) {
  test(`when the deferred code cannot be had, the page says what to do (${locale})`, async () => {
    const page = await newWidgetPage(browser, { locale });
    try {
      let tries = 0;
      await page.route(deferredUrl, (route) => { tries++; return route.abort(); });
      await openWidget(page, server, server.link(/partial payments/).token);
      await waitForStage(page, 'review');
      // The first try and three more, 2, 4 and 8 s apart.
      const fallback = page.locator('#pw-fallback');
      await fallback.waitFor({ state: 'visible', timeout: 30000 });
      assert.equal((await fallback.textContent()).trim(), say(catalogue(locale), 'page.widget_incomplete'));
      assert.equal(await fallback.getAttribute('lang'), locale);
      assert.equal(tries, 4);
      await screenshot(page, `widget-deferred-unreachable-${locale}`);
    } finally {
      await page.context().close();
    }
  });
}

test('without WebGL 2 the page says so in the payer\'s language', async () => {
  for (const locale of ['fr-CA', 'en-GB']) {
    const page = await newWidgetPage(browser, { locale });
    try {
      await page.addInitScript(() => {
        const getContext = HTMLCanvasElement.prototype.getContext;
        HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
          return /webgl/i.test(type) ? null : getContext.call(this, type, ...rest);
        };
      });
      await page.goto(`${server.baseUrl}/embed#link=${server.link(/partial payments/).token}`);
      const fallback = page.locator('#pw-fallback');
      await fallback.waitFor({ state: 'visible', timeout: 30000 });
      const language = locale === 'fr-CA' ? 'fr' : 'en';  // fr-CA says it as fr does
      assert.equal((await fallback.textContent()).trim(), say(catalogue(language), 'page.widget_needs_webgl'), locale);
      assert.equal(await fallback.getAttribute('lang'), language);
      if (locale === 'fr-CA') await screenshot(page, 'widget-no-webgl-fr-CA');
    } finally {
      await page.context().close();
    }
  }
});

test('a deferred function needed before its file arrived: the page starts over with all of its code first', async () => {
  const page = await newWidgetPage(browser, { locale: 'en-US' });
  try {
    let tries = 0;
    // The first request for the deferred file fails, so the code is
    // missing when the test (not the payer: their presses wait) calls
    // into the widget directly.
    await page.route(deferredUrl, (route) => { tries++; return tries === 1 ? route.abort() : route.continue(); });
    const token = server.link(/partial payments/).token;
    await openWidget(page, server, token, '?theme=dark');
    await waitForStage(page, 'review');
    const reloaded = page.waitForEvent('framenavigated');
    // Throws when the very first function it reaches is deferred.
    await activateDirectly(page, 'Pay Now').catch(() => { /* the page starts over */ });
    await reloaded;
    assert.ok(page.pwErrors.some((e) => /deferred function \S+ was called before paywidget\.deferred\.wasm arrived/.test(e)),
      JSON.stringify(page.pwErrors));
    // The new page: the link and the options came back, the fragment left
    // the address bar again, and everything works.
    await page.waitForFunction(() => window.Module && typeof window.Module.pwStats === 'function');
    await waitForStage(page, 'review');
    assert.equal(new URL(page.url()).hash, '');
    assert.equal(new URL(page.url()).search, '');
    assert.equal(await page.evaluate(() => document.documentElement.style.colorScheme), 'dark');
    await press(payNow(page));
    await waitForStage(page, 'amount');
  } finally {
    await page.context().close();
  }
});

// The catalogue is split like the code: the texts a first visit asks for
// (wasm/split/first-visit-messages.txt) are in the wasm (en) or the
// language's first file; the rest come with the deferred code.
const restUrl = /\/messages\.[A-Za-z-]+\.rest\.[0-9a-f]{16}\.json$/;
const languageFile = (locale) => new RegExp(`/messages\\.${locale}\\.[0-9a-f]{16}\\.json$`);

test('a French payer gets the first screen\'s texts first, the rest with the deferred code, and every step in French', async () => {
  const page = await newWidgetPage(browser, { locale: 'fr-CA' });
  try {
    const asked = [];
    page.on('request', (r) => asked.push({ url: r.url(), at: Date.now() }));
    await page.context().addInitScript(recordFirstInteractive);
    await openWidget(page, server, server.link(/partial payments/).token);
    await waitForStage(page, 'review');
    const requested = await waitForDeferredCode(page);
    const rests = () => page.evaluate(() => performance.getEntriesByType('resource')
      .filter((e) => /\/messages\.[A-Za-z-]+\.rest\.[0-9a-f]+\.json$/.test(e.name))
      .map((e) => ({ name: e.name.replace(/^.*\/messages\.([A-Za-z-]+)\.rest\..*$/, '$1'), start: e.startTime })));
    await page.waitForFunction(() => performance.getEntriesByType('resource')
      .filter((e) => /\/messages\.[A-Za-z-]+\.rest\./.test(e.name)).length === 2);
    const seen = await rests();
    assert.deepEqual(seen.map((r) => r.name).sort(), ['en', 'fr-CA'], 'en\'s rest and the payer\'s');
    for (const r of seen) assert.ok(r.start >= requested - 1, `${r.name}'s rest asked at ${r.start} ms, before the code (${requested} ms)`);
    // The first file is the first visit's texts only: smaller than the rest.
    const first = asked.filter((r) => languageFile('fr-CA').test(r.url));
    assert.equal(first.length, 1);
    const sizes = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('resource')
      .filter((e) => /\/messages\./.test(e.name)).map((e) => [e.name.replace(/^.*\//, ''), e.decodedBodySize])));
    const firstSize = Object.entries(sizes).find(([n]) => /^messages\.fr-CA\.[0-9a-f]+\.json$/.test(n))[1];
    const restSize = Object.entries(sizes).find(([n]) => /^messages\.fr-CA\.rest\./.test(n))[1];
    assert.ok(firstSize * 3 < restSize, `first ${firstSize} B, rest ${restSize} B`);
    // The steps after Pay Now speak French: their texts came with the rest.
    const fr = JSON.parse(readFileSync(path.join(wasmDir, manifest['messages.fr-CA.rest.json']), 'utf8')).messages;
    const frFirst = JSON.parse(readFileSync(path.join(wasmDir, manifest['messages.fr-CA.json']), 'utf8')).messages;
    await press(page.getByRole('button', { name: frFirst['widget.pay_now'], exact: true }));
    await waitForStage(page, 'amount');
    const partNow = fr['widget.pay_part'] ?? frFirst['widget.pay_part'];
    await page.getByRole('radio', { name: new RegExp(`^${partNow}`) }).waitFor();
    assert.deepEqual(page.pwErrors, []);
  } finally {
    await page.context().close();
  }
});

test('a text needed before its file arrived is a console error, and the screen is drawn again once it is in', async () => {
  const page = await newWidgetPage(browser, { locale: 'en-US' });
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  try {
    await page.route(restUrl, async (route) => { await held; await route.continue(); });
    await openWidget(page, server, server.link(/partial payments/).token);
    await waitForStage(page, 'review');
    // The code arrives and is compiled; the texts are held.
    await waitForDeferredCode(page);
    await page.waitForFunction(() => performance.getEntriesByType('resource')
      .some((e) => /\/paywidget\.deferred\./.test(e.name) && e.responseEnd > 0));
    // Compiling 170 KB (its text: tens of ms, seconds on a busy machine);
    // too early, the call would start the page over instead (the test
    // before), which the assertions below tell apart.
    await page.waitForTimeout(4000);
    // The test (not the payer: their presses wait for the texts too) calls
    // into the widget directly: the amount step's texts are not there yet.
    await activateDirectly(page, 'Pay Now');
    await waitForStage(page, 'amount');
    assert.ok(page.pwErrors.some((e) => /the text \S+ was asked for before its file arrived; run tools\/split\/profile_widget\.mjs/.test(e)),
      JSON.stringify(page.pwErrors));
    assert.ok(!page.pwErrors.some((e) => /deferred function/.test(e)), 'the code was there');
    const en = JSON.parse(readFileSync(path.join(wasmDir, manifest['messages.en.rest.json']), 'utf8')).messages;
    const missing = page.pwErrors.map((e) => e.match(/the text (\S+) was asked/)?.[1]).filter(Boolean);
    assert.ok(missing.every((id) => id in en), `${missing} are in en's rest`);
    release();
    // Drawn again with the texts: the mirror reads them, not their ids (an
    // announcement already spoken, #pw-status, is not said again).
    const mirror = page.locator('#pw-a11y');
    await mirror.getByText(en[missing[0]].replace(/\{.*$/, '').trim(), { exact: false }).first().waitFor();
    assert.equal(await mirror.getByText(missing[0], { exact: true }).count(), 0);
    page.pwErrors.length = 0;  // expected above
  } finally {
    release();
    await page.context().close();
  }
});

test('a language the host asks for after the rest of the texts arrived comes whole: every step in it', async () => {
  const page = await newWidgetPage(browser, { locale: 'en-US' });
  try {
    const languageRequests = [];
    page.on('request', (r) => { if (/\/messages\./.test(r.url())) languageRequests.push(r.url().replace(/^.*\//, '')); });
    await openWidget(page, server, server.link(/partial payments/).token);
    await waitForStage(page, 'review');
    await waitForDeferredCode(page);
    await page.waitForFunction(() => performance.getEntriesByType('resource')
      .some((e) => /\/messages\.en\.rest\./.test(e.name) && e.responseEnd > 0));
    // What the host page's options.update does (web/embed.js).
    await page.evaluate(() => window.Module.pwSetOptions({ locale: 'es' }));
    const read = (plain) => JSON.parse(readFileSync(path.join(wasmDir, manifest[plain]), 'utf8')).messages;
    const es = { ...read('messages.es.json'), ...read('messages.es.rest.json') };
    await press(page.getByRole('button', { name: es['widget.pay_now'], exact: true }));
    await waitForStage(page, 'amount');
    await page.getByRole('radio', { name: new RegExp(`^${es['widget.pay_part']}`) }).waitFor();
    assert.deepEqual(languageRequests.filter((n) => /^messages\.es\./.test(n)).map((n) => n.replace(/\.[0-9a-f]{16}\./, '.')).sort(),
      ['messages.es.json', 'messages.es.rest.json'], 'both of its files, once each');
    assert.deepEqual(page.pwErrors, []);
  } finally {
    await page.context().close();
  }
});
