#!/usr/bin/env node
// Rewrites wasm/split/deferred-functions.txt: which of the widget's functions
// wasm-split moves into paywidget.deferred.wasm (wasm/README.md "Deferred
// code"), and wasm/split/first-visit-messages.txt: which texts are compiled
// in (en) or in each language's first file, the others coming after the
// first screen. A function is deferred (a text left for later) when no
// first visit runs it (asks for it) before it is idle on its first screen,
// as measured here, in headless Chromium:
//
//   1. emcc's own output (build/wasm/paywidget.wasm, instrumented by
//      SPLIT_MODULE to record which functions ran) is staged, as one
//      module, into a temporary directory and served by the real server
//      with the demo data;
//   2. each first visit below (every seeded link: review, expired, login
//      required; an unknown link; partly paid, paid, refunded, processing, IQD, JPY
//      and a long invoice; a portal client's invoices; the invoice slow
//      (the skeleton) or failing; the fonts' extension late; no WebGL 2;
//      en, fr-CA and es; 320 to 800 px wide; 1x to 3x; the host's
//      options) runs until the widget is idle, and writes its profile
//      (__write_profile) and the ids of the texts it asked for
//      (window.pwMessagesAsked, wasm/browser/js/catalogue.js);
//   3. wasm-split merges the profiles and names the functions none of them
//      ran, in paywidget.wasm.orig's names. Names binaryen made unique with
//      a number ("(.2796)") change from build to build: those stay in the
//      primary module.
//
// Run after a change that makes a first visit run other code or show other
// texts (the browser tests fail with "deferred function N was called before
// paywidget.deferred.wasm arrived" or "the text X was asked for before its
// file arrived"), then rebuild:
//   cmake --build build/wasm --target paywidget_assets
//   node tools/split/profile_widget.mjs
//   cmake --build build/wasm --target paywidget_assets
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const buildDir = process.env.PW_WASM_DIR || path.join(repoRoot, 'build', 'wasm');
// --list FILE writes elsewhere (to compare builds made with other flags).
const listArg = process.argv.indexOf('--list');
const listFile = listArg > 0 ? path.resolve(process.argv[listArg + 1]) : path.join(repoRoot, 'wasm', 'split', 'deferred-functions.txt');
// The texts first visits ask for (not rewritten with --list).
const messagesFile = path.join(repoRoot, 'wasm', 'split', 'first-visit-messages.txt');

// 1. One module, instrumented: stage_assets.py stages paywidget.wasm as it
// is when there is no paywidget.primary.wasm.
const stage = mkdtempSync(path.join(os.tmpdir(), 'pw-split-'));
const skip = /^paywidget\.(primary|deferred)\.wasm$|^paywidget(\.deferred)?\.[0-9a-f]{16}\.|^CMakeFiles$|\.ninja|^CMakeCache|\.orig$/;
for (const f of readdirSync(buildDir)) {
  if (!skip.test(f)) cpSync(path.join(buildDir, f), path.join(stage, f), { recursive: true });
}
execFileSync('/usr/bin/python3', [path.join(repoRoot, 'wasm', 'stage_assets.py'), 'widget', path.join(repoRoot, 'web'), stage]);
process.env.PW_WASM_DIR = stage;

const { newWidgetPage, openWidget, waitForIdle } = await import('../../tests/e2e/helpers/browser.mjs');
const { startServerAndBrowser } = await import('../../tests/e2e/helpers/suite.mjs');
const { apiSession } = await import('../../tests/e2e/helpers/pages.mjs');

async function writeProfile(page) {
  const b64 = await page.evaluate(() => {
    const asm = window.Module.asm;
    const memory = Object.values(asm).find((v) => v instanceof WebAssembly.Memory);
    const size = 1 << 20;
    const ptr = window.Module._malloc(size);
    const length = asm.__write_profile(ptr, size);
    let s = '';
    for (const b of new Uint8Array(memory.buffer, ptr, length)) s += String.fromCharCode(b);
    return btoa(s);
  });
  return Buffer.from(b64, 'base64');
}

// Bank debits stay processing (as with a real bank) unless settled on purpose.
const { server, browser, admin, cleanup } = await startServerAndBrowser({ server: { settleDelaySeconds: 3600 } });
const profiles = [];
const askedTexts = new Set();

// Invoices in the states and shapes a first visit can meet beyond the
// seeded ones: partly paid (USD, and IQD with 3 decimals), paid, JPY (no
// decimals), an ACH debit processing (all of it, or part), many lines with
// a discount and long descriptions.
async function moreInvoices() {
  const tokens = [];
  const partly = await admin.payableInvoice({ amount: 20000, partial: { type: 'percent', basis_points: 2500 } });
  await admin.payByLink(partly.token, partly.invoice, 5000);
  const iqd = await admin.payableInvoice({ currency: 'IQD', amount: 250000, partial: { type: 'fixed', amount: 50000 } });
  await admin.payByLink(iqd.token, iqd.invoice, 100000);
  const paid = await admin.payableInvoice({ amount: 9000 });
  await admin.payByLink(paid.token, paid.invoice, 9000);
  // Paid, then part of it refunded; and partly paid, part of that refunded
  // (the screens list the refund).
  const refunded = await admin.payableInvoice({ amount: 7000 });
  await admin.refund((await admin.payByLink(refunded.token, refunded.invoice, 7000)).id, 2500);
  const partRefunded = await admin.payableInvoice({ amount: 20000, partial: { type: 'percent', basis_points: 2500 } });
  await admin.refund((await admin.payByLink(partRefunded.token, partRefunded.invoice, 6000)).id, 1000);
  const jpy = await admin.payableInvoice({ currency: 'JPY', amount: 15000, bankDebit: [] });
  const debit = await admin.payableInvoice({ amount: 12000, bankDebit: ['ach'] });
  await admin.payByLink(debit.token, debit.invoice, 12000, { method: 'ach' });
  const debitOnly = await admin.payableInvoice({ amount: 8000, card: false, bankDebit: ['ach'] });
  await admin.payByLink(debitOnly.token, debitOnly.invoice, 8000, { method: 'ach' });
  const debitPart = await admin.payableInvoice({ amount: 12000, bankDebit: ['ach'], partial: { type: 'percent', basis_points: 2500 } });
  await admin.payByLink(debitPart.token, debitPart.invoice, 6000, { method: 'ach' });
  const long = 'Initial assessment, treatment plan and home exercise programme for the lower back and shoulders (90 min)';
  const many = await admin.payableInvoice({
    amount: 0, discount: 1500,
    items: Array.from({ length: 9 }, (_, i) => ({ description: i % 3 ? `Session ${i + 1}` : long, quantity: 1 + (i % 3), unit_amount: 4500 + i * 125 })),
  });
  // Letters only the fonts' extension has: fetched when this is drawn.
  const names = await admin.payableInvoice({ items: [{ description: 'Séance avec Łukasz Dvořák', quantity: 1, unit_amount: 9000 }] });
  namesToken = names.token;
  for (const made of [partly, iqd, paid, refunded, partRefunded, jpy, debit, debitOnly, debitPart, many, names]) tokens.push(made.token);
  return tokens;
}
let namesToken = null;

try {
  const visits = [];
  const tokens = server.seed.links.map((l) => l.token).concat(['no-such-link-0123456789'], await moreInvoices());
  for (const token of tokens) {
    visits.push({ token, locale: 'en-US', width: 320, dpr: 1 });
    visits.push({ token, locale: 'en-US', width: 800, dpr: 2 });
    visits.push({ token, locale: 'fr-CA', width: 480, dpr: 1 });
    visits.push({ token, locale: 'es', width: 360, dpr: 3 });
  }
  // The portal: a signed-in client's invoices (#invoice=<id>, the session
  // cookie), with the seeded portal login.
  const session = await apiSession(server, server.seed.portal.email, server.seed.portal.password);
  const mine = await server.api('/api/v1/me/invoices', { headers: { Cookie: session } });
  if (mine.status !== 200) throw new Error(`profile: portal invoices ${mine.status} ${mine.text}`);
  for (const inv of mine.json.invoices.slice(0, 3)) {
    visits.push({ invoice: inv.id, session, locale: 'en-US', width: 480, dpr: 1 });
    visits.push({ invoice: inv.id, session, locale: 'fr-CA', width: 320, dpr: 2 });
  }
  const first = server.seed.links[0].token;
  visits.push({ token: first, locale: 'en-US', width: 480, dpr: 1, query: '?theme=dark&accent=%23aa3366&radius=0&font_scale=1.3' });
  visits.push({ token: first, locale: 'en-US', width: 480, dpr: 1, slowView: 1500 });
  visits.push({ token: first, locale: 'fr-CA', width: 320, dpr: 2, slowView: 1500 });
  // The fonts' extension later than the frames wait for it (2 s): drawn
  // with "?" first, then again (a slow network, not a slow machine).
  visits.push({ token: namesToken, locale: 'fr-CA', width: 480, dpr: 1, slowFonts: 3000 });
  visits.push({ token: first, locale: 'en-US', width: 480, dpr: 1, failView: 500 });
  visits.push({ token: first, locale: 'en-US', width: 480, dpr: 1, failView: 'abort' });
  visits.push({ token: first, locale: 'en-US', width: 480, dpr: 1, noWebGL: true });
  for (const v of visits) {
    const page = await newWidgetPage(browser, { width: v.width, dpr: v.dpr, locale: v.locale });
    // Every text the widget asks the catalogue for (wasm/browser/js/catalogue.js).
    await page.addInitScript(() => { window.pwMessagesAsked = []; });
    // The rest of the texts never arrives: what is profiled is the first
    // visit before it (taking it in runs code that comes with it).
    await page.route(/\/messages\.[A-Za-z-]+\.rest\.[0-9a-f]{16}\.json$/, () => {});
    if (v.failView) {
      await page.route(/\/api\/v1\/links\//, (route) => (v.failView === 'abort' ? route.abort()
        : route.fulfill({ status: v.failView, contentType: 'application/json', body: '{"error":{"code":"internal","message":"x"}}' })));
    }
    if (v.slowView) {
      // The skeleton: drawn when the invoice takes longer than the first frame's wait.
      await page.route(/\/api\/v1\/links\//, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, v.slowView));
        await route.continue();
      });
    }
    if (v.slowFonts) {
      await page.route(/\/inter-ext-[a-z]+\.[0-9a-f]+\.otf$/, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, v.slowFonts));
        await route.continue();
      });
    }
    if (v.noWebGL) {
      await page.addInitScript(() => {
        const get = HTMLCanvasElement.prototype.getContext;
        HTMLCanvasElement.prototype.getContext = function (kind, ...rest) { return kind === 'webgl2' ? null : get.call(this, kind, ...rest); };
      });
    }
    if (v.noWebGL) {
      // No pwStats without a context: the widget shows its fallback sentence.
      await page.goto(`${server.baseUrl}/embed#link=${v.token}`);
      await page.locator('#pw-fallback').waitFor({ state: 'visible' });
    } else if (v.invoice) {
      const [name, value] = v.session.split('=');
      await page.context().addCookies([{ name, value, url: server.baseUrl }]);
      await page.goto(`${server.baseUrl}/embed#invoice=${v.invoice}`);
      await page.waitForFunction(() => window.Module && typeof window.Module.pwStats === 'function');
      await waitForIdle(page, 700, 15000).catch(() => {});
    } else {
      await openWidget(page, server, v.token, v.query || '');
      // (Frames held for the fonts look idle: wait for the fonts first.)
      if (v.slowFonts) await page.waitForFunction(() => window.Module.pwFontExtensionState === 'loaded', null, { timeout: 15000 });
      await waitForIdle(page, 700, 15000).catch(() => {});
    }
    const stage = await page.evaluate(() => window.Module.pwStats?.().stage ?? '(no WebGL)');
    // A text asked for before its file arrived is what this run is here to
    // fix (the list lacks it; it is in askedTexts all the same).
    const errors = page.pwErrors.filter((e) => !/the text \S+ was asked for before its file arrived/.test(e));
    if (errors.length) throw new Error(`profile: errors on ${JSON.stringify(v)}: ${errors}`);
    profiles.push(await writeProfile(page));
    for (const id of await page.evaluate(() => window.pwMessagesAsked || [])) askedTexts.add(id);
    console.log(`profiled ${v.invoice ? 'portal ' : ''}${v.locale} ${v.width}px x${v.dpr}${v.query || ''}${v.failView ? ' view fails: ' + v.failView : ''}${v.slowView ? ' slow view' : ''}${v.slowFonts ? ' slow fonts' : ''}${v.noWebGL ? ' no WebGL 2' : ''}: ${stage}`);
    await page.context().close();
  }
} finally {
  await cleanup();
}

const files = profiles.map((p, i) => { const f = path.join(stage, `visit${i}.prof`); writeFileSync(f, p); return f; });
const merged = path.join(stage, 'merged.prof');
execFileSync('wasm-split', ['--merge-profiles', ...files, '-o', merged]);
const log = execFileSync('wasm-split', ['--all-features', '-v', path.join(buildDir, 'paywidget.wasm.orig'),
  `--profile=${merged}`, '--export-prefix=%', '-o1', path.join(stage, 'p.wasm'), '-o2', path.join(stage, 's.wasm')],
{ encoding: 'utf8', maxBuffer: 64 << 20 });
const line = log.split('\n').find((l) => l.startsWith('Splitting out functions: '));
if (!line) throw new Error(`profile: wasm-split named no deferred functions:\n${log.slice(0, 2000)}`);
const names = line.slice('Splitting out functions: '.length).split(', ').filter((n) => n && !/\\28\.\d+\\29$/.test(n));
writeFileSync(listFile, names.sort().join('\n') + '\n');
console.log(`${names.length} functions deferred -> ${path.relative(repoRoot, listFile)}`);
if (listArg < 0) {
  const texts = [...askedTexts].sort();
  writeFileSync(messagesFile, ['# Written by tools/split/profile_widget.mjs: the texts first visits ask for,',
    '# compiled into the wasm (en) or in messages.<locale>.json; the rest come after the first screen.',
    ...texts].join('\n') + '\n');
  console.log(`${texts.length} texts asked for by first visits -> ${path.relative(repoRoot, messagesFile)}`);
}
rmSync(stage, { recursive: true, force: true });
