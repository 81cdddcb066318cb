// The widget's first frame (issue 14, start-up): it waits for the invoice
// (wasm/browser/frame_loop.hpp FrameLoop::hold, released by WidgetRuntime::notify_loaded), so
// a payer whose invoice arrives soon after the wasm sees it drawn first,
// never a skeleton that the invoice then replaces. A trace showed why it
// matters: on software WebGL that skeleton frame held the main thread for
// ~600 ms, the invoice's answer waiting behind it. The skeleton still shows
// when the answer is slow (after at most 500 ms).
//
// The link lookup is held back in the browser (page.route) to make each
// case certain, whatever the machine's speed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { newWidgetPage, openWidget, waitForStage } from './helpers/browser.mjs';
import { catalogue, say } from './helpers/catalogue.mjs';
import { startServerAndBrowser } from './helpers/suite.mjs';

let server;
let browser;
let cleanup;

before(async () => ({ server, browser, cleanup } = await startServerAndBrowser()));
after(() => cleanup?.());

const LOADING = say(catalogue('en'), 'widget.loading');

// Every text the accessibility mirror ever held during the load, recorded
// from before any page script runs (the mirror mirrors what was drawn).
function recordMirrorTexts() {
  window.__pwMirrorTexts = new Set();
  new MutationObserver(() => {
    const mirror = document.getElementById('pw-a11y');
    if (!mirror) return;
    for (const el of mirror.querySelectorAll('*')) if (el.textContent) window.__pwMirrorTexts.add(el.textContent);
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

// Loads the widget with the link lookup answered `delayMs` late; returns
// the mirror's texts once the review screen is up.
async function loadWithSlowLink(delayMs) {
  const page = await newWidgetPage(browser);
  try {
    await page.context().addInitScript(recordMirrorTexts);
    await page.route(/\/api\/v1\/links\//, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await route.continue();
    });
    await openWidget(page, server, server.link(/partial payments/).token);
    await waitForStage(page, 'review');
    await page.getByRole('button', { name: 'Pay Now', exact: true }).waitFor();
    return await page.evaluate(() => [...window.__pwMirrorTexts]);
  } finally {
    await page.context().close();
  }
}

test('an invoice that arrives soon after the wasm is the first thing drawn: no skeleton before it', async () => {
  // 300 ms after the request: with the wasm's ~200-400 ms download, the
  // answer comes after main, within the first frame's wait.
  const texts = await loadWithSlowLink(300);
  assert.ok(!texts.includes(LOADING), `the skeleton was drawn: ${JSON.stringify(texts.slice(0, 8))}`);
});

test('a slow invoice shows the skeleton meanwhile, then the invoice', async () => {
  const texts = await loadWithSlowLink(3000);
  assert.ok(texts.includes(LOADING), `no skeleton while waiting 3 s: ${JSON.stringify(texts.slice(0, 8))}`);
});
