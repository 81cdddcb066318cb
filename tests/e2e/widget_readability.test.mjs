// The widget's text measured where the payer reads it: on the canvas's
// pixels (axe-core sees only the DOM, and the canvas's text is not in it).
// For each mirrored item of a screen, the screenshot's region under it gives
// the ground (its most frequent colour) and the ink (the pixel that differs
// most from it); their WCAG contrast must be at least 4.5:1. The mirror's
// rectangles also give the text's size in CSS px: at devicePixelRatio 1 and
// 2 alike, no line of text is shorter than 14 px. (tests/widget/
// test_readability.cpp checks the same per colour pair on every screen.)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  mirror, newWidgetPage, openWidget, press, screenshot, waitForIdle, waitForStage,
} from './helpers/browser.mjs';
import { startServerAndBrowser } from './helpers/suite.mjs';

// The server and the browser, started once for the file.
const suite = {};
before(async () => Object.assign(suite, await startServerAndBrowser()));
after(() => suite.cleanup?.());

const MIN_CONTRAST = 4.5;
const MIN_TEXT_PX = 14;

// Every mirrored item with its rectangle in canvas CSS px (the mirror places
// each element over what the canvas draws).
function mirroredItems(page) {
  return page.evaluate(() => [...document.querySelectorAll('#pw-a11y .pw-a11y')].map((el) => ({
    id: el.id,
    role: el.pwRole,
    name: (el.getAttribute('aria-label') || el.textContent || '').trim(),
    text: el.pwRole === 'text' || el.pwRole === 'heading',
    x: parseFloat(el.style.left), y: parseFloat(el.style.top),
    w: parseFloat(el.style.width), h: parseFloat(el.style.height),
  })));
}

// Ground and ink of each region of a PNG, computed in a blank page (its 2D
// canvas decodes the PNG; no CSP and no widget there).
async function measure(png, regions, dpr) {
  const context = await suite.browser.newContext();
  try {
    const page = await context.newPage();
    return await page.evaluate(async ({ b64, regions: rs, dpr: scale }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const g = canvas.getContext('2d', { willReadFrequently: true });
      g.drawImage(img, 0, 0);
      const channel = (v) => { const s = v / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
      const luminance = (c) => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
      const ratio = (a, b) => { const x = luminance(a); const y = luminance(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
      const hex = (c) => `#${c.slice(0, 3).map((v) => v.toString(16).padStart(2, '0')).join('')}`;
      return rs.map((r) => {
        const x = Math.max(0, Math.round(r.x * scale));
        const y = Math.max(0, Math.round(r.y * scale));
        const w = Math.min(img.width - x, Math.round(r.w * scale));
        const h = Math.min(img.height - y, Math.round(r.h * scale));
        if (w <= 0 || h <= 0) return { ...r, ratio: 0, ground: '', ink: '', empty: true };
        const d = g.getImageData(x, y, w, h).data;
        const counts = new Map();
        for (let i = 0; i < d.length; i += 4) {
          const k = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
          counts.set(k, (counts.get(k) || 0) + 1);
        }
        let groundKey = 0;
        let most = -1;
        for (const [k, n] of counts) if (n > most) { most = n; groundKey = k; }
        const ground = [(groundKey >> 16) & 255, (groundKey >> 8) & 255, groundKey & 255];
        let ink = ground;
        let best = 1;
        for (const k of counts.keys()) {
          const c = [(k >> 16) & 255, (k >> 8) & 255, k & 255];
          const q = ratio(c, ground);
          if (q > best) { best = q; ink = c; }
        }
        return { ...r, ratio: best, ground: hex(ground), ink: hex(ink) };
      });
    }, { b64: png.toString('base64'), regions, dpr });
  } finally {
    await context.close();
  }
}

async function checkScreen(page, dpr, name) {
  await waitForIdle(page);
  await screenshot(page, `readability-${name}`);
  const png = await page.locator('#pw-canvas').screenshot();
  const items = (await mirroredItems(page)).filter((i) => i.w > 0 && i.h > 0 && i.name);
  assert.ok(items.length > 5, `${name}: the mirror lists the screen (${items.length} items)`);
  for (const i of items.filter((t) => t.text)) {
    assert.ok(i.h >= MIN_TEXT_PX, `${name}: "${i.name}" is ${i.h} px tall`);
  }
  const measured = await measure(png, items, dpr);
  for (const m of measured) {
    assert.ok(m.ratio >= MIN_CONTRAST,
      `${name}: "${m.name}" (${m.role}) reads ${m.ratio.toFixed(2)}:1, ${m.ink} on ${m.ground} at dpr ${dpr}`);
  }
  return measured;
}

// A phone at dpr 1 and 2, the smallest phone, a desktop frame: each screen
// is also saved as readability-<screen>-<width>-dpr<dpr>.png.
for (const { width, dpr } of [{ width: 360, dpr: 1 }, { width: 360, dpr: 2 }, { width: 320, dpr: 2 }, { width: 1024, dpr: 1 }]) {
  describe(`the widget's text on the canvas at ${width} px, devicePixelRatio ${dpr}`, () => {
    let page;
    const at = `${width}-dpr${dpr}`;
    before(async () => {
      page = await newWidgetPage(suite.browser, { width, height: 740, dpr });
      await openWidget(page, suite.server, suite.server.link(/partial payments/).token);
      await waitForStage(page, 'review');
    });
    after(async () => { await page?.context().close(); });

    test('review: every mirrored text, heading, button and link reads at 4.5:1 or more', async () => {
      const measured = await checkScreen(page, dpr, `review-${at}`);
      // The muted captions are among them (the due date, the invoice number).
      assert.ok(measured.some((m) => /^Due /.test(m.name)), 'the due date was measured');
      const pay = measured.find((m) => m.name === 'Pay Now');
      assert.ok(pay && pay.ratio >= MIN_CONTRAST, 'the primary button was measured');
    });

    test('amount step: radios, notice and Continue read at 4.5:1 or more', async () => {
      await press(mirror(page).getByRole('button', { name: 'Pay Now', exact: true }));
      await waitForStage(page, 'amount');
      await press(mirror(page).getByRole('radio', { name: 'Pay part now', exact: false }));
      await checkScreen(page, dpr, `amount-${at}`);
    });

    test('card form: the back link, headings and Submit read at 4.5:1 or more', async () => {
      await press(mirror(page).getByRole('radio', { name: 'Pay in full', exact: false }));
      await press(mirror(page).getByRole('button', { name: 'Continue', exact: true }));
      await waitForStage(page, 'method');
      await press(mirror(page).getByRole('radio', { name: 'Credit or debit card', exact: true }));
      await press(mirror(page).getByRole('button', { name: 'Continue', exact: true }));
      await waitForStage(page, 'details');
      await checkScreen(page, dpr, `card-${at}`);
    });
  });
}
