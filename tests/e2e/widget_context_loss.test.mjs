// A GPU reset (or the browser reclaiming the context of a background tab)
// takes the widget's WebGL context away. The widget must come back by
// itself, drawing again with everything the payer typed still there.
// WEBGL_lose_context simulates exactly that.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { assertClean } from './helpers/assertions.mjs';
import {
  field, newWidgetPage, openWidget, press, screenshot, stats, waitForIdle, waitForStage,
} from './helpers/browser.mjs';
import { startServerAndBrowser } from './helpers/suite.mjs';

let server;
let browser;
let cleanup;

before(async () => ({ server, browser, cleanup } = await startServerAndBrowser()));
after(() => cleanup?.());

test('the widget draws again after its WebGL context is lost and restored, keeping what was typed', async () => {
  const page = await newWidgetPage(browser);
  try {
    await openWidget(page, server, server.link(/partial payments/).token);
    await waitForStage(page, 'review');
    await press(page.getByRole('button', { name: 'Pay Now', exact: true }));
    await waitForStage(page, 'amount');
    await press(page.getByRole('button', { name: 'Continue', exact: true }));
    await waitForStage(page, 'method');
    await press(page.getByRole('radio', { name: 'Credit or debit card', exact: true }));
    await press(page.getByRole('button', { name: 'Continue', exact: true }));
    await waitForStage(page, 'details');
    await field(page, 'Card number').fill('4242424242424242');
    await waitForIdle(page);

    await page.evaluate(() => {
      window.__pwLoseContext = document.getElementById('pw-canvas').getContext('webgl2').getExtension('WEBGL_lose_context');
      window.__pwLoseContext.loseContext();
    });
    await page.waitForFunction(() => document.getElementById('pw-canvas').getContext('webgl2').isContextLost());
    const lost = await stats(page);
    await page.evaluate(() => window.__pwLoseContext.restoreContext());
    await page.waitForFunction(() => !document.getElementById('pw-canvas').getContext('webgl2').isContextLost());
    const back = await waitForIdle(page);

    assert.ok(back.frames > lost.frames, `frames drawn after the restore (${lost.frames} -> ${back.frames})`);
    assert.ok(back.drawCalls > lost.drawCalls, `real WebGL draw calls after the restore (${lost.drawCalls} -> ${back.drawCalls})`);
    assert.equal(back.stage, 'details', 'still on the card form');
    assert.equal(await field(page, 'Card number').inputValue(), '4242 4242 4242 4242', 'what was typed is kept');
    await assertClean(page, { failedRequests: [] });
    await screenshot(page, 'widget-context-restored');
  } finally {
    await page.context().close();
  }
});
