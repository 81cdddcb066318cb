// scripts/bench's widget section: the widget in headless Chromium against
// the real server (the e2e helpers start both), measured the way a payer
// feels it. Prints Markdown tables; never fails a run on a slow figure.
//
//   navigation → first interactive frame: performance.now() (which counts
//     from navigation start) when the review screen's "Pay Now" control
//     appears in the accessibility mirror: the frame that drew it is done.
//   start-up: when each step of that load ended (downloads from Resource
//     Timing, compile from WebAssembly.instantiate*, the widget's own marks
//     for main, the link view, the first frame and the font atlas), then the
//     split the issue asks for as durations: download, compile, link fetch,
//     runtime start, atlas, first frame.
//   idle: frames and WebGL draw calls over 5 s with nothing happening.
//   typing: CPU time per frame (Module.pwStats().totalFrameMs / frames)
//     while a card number is typed key by key into the DOM input.
//
//   bytes on the wire: a first visit to /embed until "Pay Now" is on screen
//     (the deferred code, asked for after that frame, apart) with brotli, with gzip only and with no compression (as before the
//     precompressed files), a first visit in French (en is in the wasm,
//     other languages are a file each), then a second visit in the same browser
//     (tests/e2e/helpers/wire_bytes.mjs; headers included).
//
// Runs: PW_BENCH_RUNS (default 5) page loads; the median and the worst are
// printed. SwiftShader (software WebGL) makes every frame slower than on a
// real GPU: these are upper bounds.
import {
  launchBrowser, newWidgetPage, openWidget, recordFirstInteractive, stats, waitForDeferredCode, waitForIdle, waitForStage,
} from '../../tests/e2e/helpers/browser.mjs';
import { startServer } from '../../tests/e2e/helpers/server.mjs';
import { recordWireBytes, waitForWireSettled } from '../../tests/e2e/helpers/wire_bytes.mjs';

const runs = Number(process.env.PW_BENCH_RUNS || 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;

// Records when WebAssembly.instantiate(Streaming) resolves: the wasm is
// downloaded (streaming compiles while it arrives) and compiled.
function recordCompiled() {
  window.__pwCompiledAt = null;
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    if (typeof original !== 'function') continue;
    WebAssembly[name] = function (...args) {
      return original.apply(this, args).then((r) => {
        if (window.__pwCompiledAt === null) window.__pwCompiledAt = performance.now();
        return r;
      });
    };
  }
}

// The start-up milestones of one load, in ms from navigation start
// (Resource Timing for the downloads, the widget's performance marks
// 'pw:main', 'pw:fonts' and 'pw:loaded' (wasm/browser/app.cpp, wasm/runtime/widget_runtime.cpp),
// 'pw:frame' (wasm/browser/frame_loop.cpp), 'pw:prefetched' (web/embed.js) for the rest).
function startupMilestones() {
  const resource = (re) => performance.getEntriesByType('resource').find((e) => re.test(e.name));
  const mark = (name) => performance.getEntriesByName(name, 'mark')[0];
  const wasm = resource(/paywidget\.[0-9a-f]+\.wasm/);
  const script = resource(/paywidget\.[0-9a-f]+\.js/);
  const link = resource(/\/api\/v1\/links\//);
  return {
    html: performance.getEntriesByType('navigation')[0].responseEnd,
    script: script ? script.responseEnd : NaN,
    wasmStart: wasm ? wasm.startTime : NaN,
    wasm: wasm ? wasm.responseEnd : NaN,
    compiled: window.__pwCompiledAt ?? NaN,
    main: mark('pw:main') ? mark('pw:main').startTime : NaN,
    linkStart: link ? link.startTime : NaN,
    link: link ? link.responseEnd : NaN,
    frame: mark('pw:frame') ? mark('pw:frame').startTime : NaN,
    fonts: mark('pw:fonts') ? mark('pw:fonts').startTime : NaN,
    prefetched: mark('pw:prefetched') ? mark('pw:prefetched').startTime : NaN,
    loaded: mark('pw:loaded') ? mark('pw:loaded').startTime : NaN,
    interactive: window.__pwInteractiveAt,
  };
}

async function firstInteractive(browser, server, token) {
  const page = await newWidgetPage(browser);
  await page.context().addInitScript(recordFirstInteractive);
  await page.context().addInitScript(recordCompiled);
  await openWidget(page, server, token);
  await waitForStage(page, 'review');
  await page.waitForFunction(() => window.__pwInteractiveAt !== null, null, { timeout: 20000 });
  const at = await page.evaluate(startupMilestones);
  await page.context().close();
  return at;
}

const STARTUP_ROWS = [
  ['html', 'the page (embed.html) received'],
  ['script', 'paywidget.js received'],
  ['wasmStart', 'paywidget.wasm requested'],
  ['wasm', 'paywidget.wasm received (download done)'],
  ['compiled', 'wasm compiled and instantiated (streaming compile overlaps the download)'],
  ['main', 'runtime up, the widget starts (main)'],
  ['linkStart', 'link view requested (by web/embed.js, while the wasm loads)'],
  ['link', 'link view received'],
  ['prefetched', 'link view read by the page script'],
  ['loaded', 'link view handed to the widget'],
  ['frame', 'first frame starts (it waits for the link view, at most 500 ms after main)'],
  ['fonts', 'font atlas built and uploaded (in the first frame)'],
  ['interactive', 'first interactive frame (Pay Now in the mirror)'],
];

// The split, as durations of each load (then the median of each).
const SPLIT_ROWS = [
  ['download: paywidget.wasm requested → received', (l) => l.wasm - l.wasmStart],
  ['compile: received → compiled and instantiated (streaming compiles during the download)', (l) => l.compiled - l.wasm],
  ['link fetch: requested → received (in parallel with the wasm)', (l) => l.link - l.linkStart],
  ['runtime start: instantiated → link view handed to the widget', (l) => l.loaded - l.compiled],
  ['atlas: first frame starts → font atlas on the GPU', (l) => l.fonts - l.frame],
  ['first frame: atlas → Pay Now in the mirror (layout, text, GL)', (l) => l.interactive - l.fonts],
];

async function idleAndTyping(browser, server, token) {
  const page = await newWidgetPage(browser);
  await openWidget(page, server, token);
  await waitForStage(page, 'review');
  await waitForIdle(page);
  const before = await stats(page);
  await page.waitForTimeout(5000);
  const after = await stats(page);
  const idle = { frames: after.frames - before.frames, drawCalls: after.drawCalls - before.drawCalls };

  // To the card form: Pay Now → (amount: full) → (method: card) → details.
  await page.getByRole('button', { name: 'Pay Now', exact: true }).press('Enter');
  for (let i = 0; i < 4; i++) {
    const stage = (await stats(page)).stage;
    if (stage === 'details') break;
    if (stage === 'method') await page.getByRole('radio', { name: /card/i }).first().press('Space');
    await page.getByRole('button', { name: 'Continue', exact: true }).press('Enter');
    await page.waitForTimeout(300);
  }
  await waitForStage(page, 'details');
  await waitForIdle(page);
  const number = page.getByRole('textbox', { name: 'Card number' });
  await number.focus();
  const t0 = await stats(page);
  await page.keyboard.type('4242424242424242', { delay: 60 });
  await waitForIdle(page);
  const t1 = await stats(page);
  await page.context().close();
  const frames = t1.frames - t0.frames;
  return { idle, typing: { keys: 16, frames, perFrame: frames ? (t1.totalFrameMs - t0.totalFrameMs) / frames : 0 } };
}

// The deferred code (paywidget.deferred.<hash>.wasm) and the rest of the
// texts (messages.<locale>.rest.<hash>.json) are asked for after the first
// interactive frame (tests/e2e/widget_deferred.test.mjs checks that): a
// visit waits for them too, and their bytes are reported apart from the
// first visit's.
const DEFERRED = /^\/(paywidget\.deferred\.[0-9a-f]{16}\.wasm|messages\.[A-Za-z-]+\.rest\.[0-9a-f]{16}\.json)$/;
const LANGUAGE_FIRST = /^\/messages\.[A-Za-z-]+\.[0-9a-f]{16}\.json$/;
async function visitBytes(page, server, token, acceptEncoding) {
  const wire = await recordWireBytes(page, { acceptEncoding });
  await openWidget(page, server, token);
  await waitForStage(page, 'review');
  await waitForDeferredCode(page);
  await waitForWireSettled(page, wire);
  return { untilPayNow: wire.total() - wire.of(DEFERRED), deferred: wire.of(DEFERRED), wire };
}

// First visits with each Accept-Encoding, then a repeat visit (a new tab in
// the same browser profile) after the brotli one.
async function wireBytes(browser, server, token) {
  const out = {};
  for (const [name, accept] of [['identity', 'identity'], ['gzip', 'gzip'], ['br', undefined]]) {
    const page = await newWidgetPage(browser);
    const visit = await visitBytes(page, server, token, accept);
    out[name] = visit.untilPayNow;
    out[`${name}Deferred`] = visit.deferred;
    if (name !== 'br') await page.context().close();
    else {
      const context = page.context();
      await page.close();
      const again = (await visitBytes(await context.newPage(), server, token)).wire;
      out.repeat = again.total();
      out.repeatAssets = again.requests().filter((r) => /\.[0-9a-f]{16}\.(wasm|js|css|json)$/.test(r.path)).reduce((n, r) => n + r.bytes, 0);
      await context.close();
    }
  }
  // A payer who reads French (Canada): the same, plus that language's file.
  const page = await newWidgetPage(browser, { locale: 'fr-CA' });
  const fr = await visitBytes(page, server, token);
  out.fr = fr.untilPayNow;
  out.frCatalogue = fr.wire.of(LANGUAGE_FIRST);
  out.frDeferred = fr.deferred;
  await page.context().close();
  return out;
}

const kb = (b) => `${b} B (${(b / 1000).toFixed(1)} KB)`;

const server = await startServer();
const browser = await launchBrowser();
try {
  const token = server.link(/partial payments/).token;
  const loads = [];
  for (let i = 0; i < runs; i++) loads.push(await firstInteractive(browser, server, token));
  const { idle, typing } = await idleAndTyping(browser, server, token);
  const wire = await wireBytes(browser, server, token);

  console.log('| bytes on the wire: /embed until Pay Now (headers included; KB = 1000 B) | measured | goal |');
  console.log('|---|---|---|');
  console.log(`| first visit, brotli (what browsers get) | ${kb(wire.br)} | ≤ 160 KB |`);
  console.log(`| first visit, gzip only | ${kb(wire.gzip)} | ≤ 160 KB |`);
  console.log(`| first visit in French (Canada), brotli, of which its language file ${kb(wire.frCatalogue)} | ${kb(wire.fr)} | ≤ 160 KB |`);
  console.log(`| first visit, nothing compressed (Accept-Encoding: identity) | ${kb(wire.identity)} | — |`);
  console.log(`| then, after the first interactive frame: the deferred code and the rest of the texts, brotli / gzip | ${kb(wire.brDeferred)} / ${kb(wire.gzipDeferred)} | — |`);
  console.log(`| the same in French (Canada), brotli | ${kb(wire.frDeferred)} | — |`);
  console.log(`| repeat visit, the widget's hashed assets | ${kb(wire.repeatAssets)} | 0 B |`);
  console.log(`| repeat visit, everything (the page's 304, the link lookup) | ${kb(wire.repeat)} | — |`);
  console.log();

  console.log('| widget measure | value |');
  console.log('|---|---|');
  const interactive = loads.map((l) => l.interactive);
  console.log(`| navigation → first interactive frame (median of ${runs}) | ${ms(median(interactive))} |`);
  console.log(`| navigation → first interactive frame (worst of ${runs}) | ${ms(Math.max(...interactive))} |`);
  console.log(`| frames drawn during 5 s idle (review screen) | ${idle.frames} |`);
  console.log(`| WebGL draw calls during 5 s idle | ${idle.drawCalls} |`);
  console.log(`| frames while typing a 16-digit card number | ${typing.frames} |`);
  console.log(`| CPU per frame while typing (mean) | ${ms(typing.perFrame)} |`);
  console.log();
  console.log(`| start-up, ms from navigation start (median of ${runs} loads) | at |`);
  console.log('|---|---|');
  for (const [key, label] of STARTUP_ROWS) console.log(`| ${label} | ${ms(median(loads.map((l) => l[key])))} |`);
  console.log();
  console.log(`| start-up split, durations (median of ${runs} loads) | ms |`);
  console.log('|---|---|');
  for (const [label, of] of SPLIT_ROWS) console.log(`| ${label} | ${ms(median(loads.map(of)))} |`);
} finally {
  await browser.close();
  await server.stop();
}
