// The /pay page on a phone (360 × 740, the phone; also 320 px and a
// desktop for the screenshots): once the widget is ready, its primary
// action (Pay Now) is inside the first screen, without scrolling, for the
// seeded invoices (two items with tax and the partial-payment note; CAD with
// a discount and the FX note) and for a four-line invoice. Each width is
// saved as build/e2e-artifacts/pages-pay-phone-<w>.png (the first screen)
// and pages-pay-phone-<w>-full.png.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { assertClean } from './helpers/assertions.mjs';
import { artifactsDir, newWidgetPage, waitForIdle, widgetFrame } from './helpers/browser.mjs';
import { waitForFrameStage } from './helpers/pages.mjs';
import { startServerAndBrowser } from './helpers/suite.mjs';

// The server, the browser (and the admin API), started once for the file.
const suite = {};
before(async () => Object.assign(suite, await startServerAndBrowser()));
after(() => suite.cleanup?.());

// Opens /pay/<token> at width × height and waits for the widget's review
// screen; returns the page and Pay Now's box in the page's viewport.
async function openPay(url, { width, height, dpr = 2 }) {
  const page = await newWidgetPage(suite.browser, { width, height, dpr });
  const response = await page.goto(url, { waitUntil: 'load' });
  assert.equal(response.status(), 200);
  const frame = await widgetFrame(page, suite.server);
  await waitForFrameStage(frame, 'review');
  await frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const pay = frame.getByRole('button', { name: 'Pay Now', exact: true });
  await pay.waitFor({ state: 'attached' });
  const box = await pay.boundingBox();
  const scrollY = await page.evaluate(() => window.scrollY);
  return { page, frame, box, scrollY };
}

async function saveScreens(page, frame, name) {
  await waitForIdle(frame).catch(() => {});
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `pages-pay-phone-${name}.png`) });
  await page.screenshot({ path: path.join(artifactsDir, `pages-pay-phone-${name}-full.png`), fullPage: true });
}

function assertOnFirstScreen({ box, scrollY }, height, what) {
  assert.ok(box, `${what}: Pay Now has a box`);
  assert.equal(scrollY, 0, `${what}: the page opened at its top`);
  assert.ok(box.y >= 0 && box.y + box.height <= height,
    `${what}: Pay Now spans ${Math.round(box.y)}–${Math.round(box.y + box.height)} px, the first screen ends at ${height}`);
  assert.ok(box.height >= 44, `${what}: Pay Now is ${box.height} px tall, a thumb's target`);
}

describe('the /pay page on a 360 × 740 phone', () => {
  for (const [label, re] of [['two items, tax, partial note', /partial payments/], ['CAD, discount, FX note', /CAD invoice/]]) {
    test(`Pay Now is on the first screen: ${label}`, async () => {
      const opened = await openPay(suite.server.link(re).url, { width: 360, height: 740 });
      try {
        assertOnFirstScreen(opened, 740, label);
        await assertClean(opened.page, { failedRequests: [] });
        if (/partial/.test(label)) await saveScreens(opened.page, opened.frame, '360');
      } finally {
        await opened.page.context().close();
      }
    });
  }

  test('Pay Now is on the first screen: four lines', async () => {
    const { link } = await suite.admin.payableInvoice({
      items: [
        { description: 'Initial assessment (90 min)', quantity: 1, unit_amount: 18000 },
        { description: 'Massage therapy (60 min)', quantity: 2, unit_amount: 9500 },
        { description: 'Kinesiology tape', quantity: 3, unit_amount: 800 },
        { description: 'Home exercise plan', quantity: 1, unit_amount: 2500 },
      ],
    });
    const opened = await openPay(link.url, { width: 360, height: 740 });
    try {
      assertOnFirstScreen(opened, 740, 'four lines');
    } finally {
      await opened.page.context().close();
    }
  });
});

describe('the /pay page at 320 px and on a desktop (screenshots)', () => {
  for (const [name, width, height] of [['320', 320, 640], ['desktop', 1280, 900]]) {
    test(`${width} × ${height}: the summary and the widget, Pay Now reachable`, async () => {
      const opened = await openPay(suite.server.link(/partial payments/).url, { width, height, dpr: 1 });
      try {
        assert.ok(opened.box && opened.box.width >= 200, `Pay Now is drawn full width at ${width} px`);
        const summary = opened.page.getByRole('heading', { level: 1 });
        assert.equal(await summary.count(), 1, 'the page still names the invoice');
        await saveScreens(opened.page, opened.frame, name);
      } finally {
        await opened.page.context().close();
      }
    });
  }
});

// One statement of the invoice on screen (issue 14, "Also"): once the
// widget shows the invoice (its ready event), the page's summary keeps its
// title (invoice number, status pill) and hides the practitioner, balance,
// due date and lines that the widget states again, for sighted readers and
// screen readers alike. Without WebGL the widget cannot show the invoice,
// so the page's summary stays whole (and the widget's frame is only as tall
// as its sentence). Screenshots:
// pages-pay-once-<width>.png and pages-pay-no-webgl.png.
describe('the invoice is stated once on /pay', () => {
  const occurrences = (text, s) => text.split(s).length - 1;

  for (const [width, height] of [[360, 740], [1280, 900]]) {
    test(`${width} px: after ready the widget states the invoice and the page keeps its header`, async () => {
      const opened = await openPay(suite.server.link(/partial payments/).url, { width, height, dpr: 1 });
      const { page, frame } = opened;
      try {
        const summary = page.locator('.invoice-summary');
        await summary.getByText('Balance due', { exact: true }).first().waitFor({ state: 'hidden' });
        const number = (await page.getByRole('heading', { level: 1 }).textContent()).trim();
        const item = (await summary.locator('table.items tbody td').first().textContent()).trim();
        // The page's title and status pill stay; the practitioner is named
        // by the site header above and by the widget, not a third time.
        await page.getByRole('heading', { level: 1, name: number, exact: true }).waitFor();
        assert.equal(await summary.locator('.title-row .badge').isVisible(), true, 'the status pill');
        assert.equal(await summary.getByText('Invoice from', { exact: false }).isVisible(), false, 'no "Invoice from"');
        // What the accessibility tree holds: the lines and the balance once,
        // in the widget's mirror; the page's copy is out of it.
        const pageTree = await page.locator('body').ariaSnapshot();
        const widgetTree = await frame.locator('#pw-a11y').ariaSnapshot();
        for (const s of ['Invoice from', 'Balance due', 'Invoice details', 'Due date', item]) {
          assert.equal(occurrences(pageTree, s), 0, `the page no longer states "${s}":\n${pageTree}`);
        }
        assert.equal(occurrences(widgetTree, item), 1, `the widget lists "${item}" once:\n${widgetTree}`);
        assert.equal(occurrences(widgetTree, 'Balance due'), 1, `the widget states the balance:\n${widgetTree}`);
        assert.equal(await page.getByRole('table', { name: 'Line items' }).count(), 0, 'no line items table on the page');
        await assertClean(page, { failedRequests: [] });
        await waitForIdle(frame).catch(() => {});
        mkdirSync(artifactsDir, { recursive: true });
        await page.screenshot({ path: path.join(artifactsDir, `pages-pay-once-${width}.png`), fullPage: true });
        // On paper the page's summary is the invoice again.
        await page.emulateMedia({ media: 'print' });
        assert.equal(await summary.locator('.facts').isVisible(), true, 'the facts print');
        assert.equal(await page.locator('.widget-section').isVisible(), false, 'the widget does not print');
        await page.emulateMedia({ media: 'screen' });
      } finally {
        await page.context().close();
      }
    });
  }

  test('without WebGL the widget is unavailable and the page\'s summary stays whole', async () => {
    const page = await newWidgetPage(suite.browser, { width: 1280, height: 900, dpr: 1 });
    try {
      // Every frame of the context (the widget's iframe too) gets no WebGL
      // context, as on a browser or machine without it.
      await page.context().addInitScript(() => {
        const getContext = HTMLCanvasElement.prototype.getContext;
        HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
          return /webgl/i.test(type) ? null : getContext.call(this, type, ...rest);
        };
      });
      const response = await page.goto(suite.server.link(/partial payments/).url, { waitUntil: 'load' });
      assert.equal(response.status(), 200);
      const frame = page.frameLocator('iframe[title="Invoice payment"]');
      await frame.locator('#pw-fallback').waitFor({ state: 'visible', timeout: 30000 });
      // The loader has shown the frame (ready, stage "unavailable") and
      // reported widget_unavailable by now.
      await page.locator('#pay-widget [aria-busy]').waitFor({ state: 'detached' });
      await page.waitForTimeout(200);
      const summary = page.locator('.invoice-summary');
      assert.equal(await summary.getByText('Balance due', { exact: true }).first().isVisible(), true, 'the balance');
      assert.equal(await summary.getByText('Due date', { exact: true }).isVisible(), true, 'the due date');
      await page.getByText('Invoice details', { exact: true }).click();
      const table = page.getByRole('table', { name: 'Line items' });
      assert.equal(await table.count(), 1, 'the page lists the lines');
      assert.equal(await table.isVisible(), true);
      assert.equal(await summary.getByText('Invoice from', { exact: false }).isVisible(), true, 'the practitioner');
      const box = await page.locator('iframe[title="Invoice payment"]').boundingBox();
      assert.ok(box.height < 240, `the frame is as tall as its sentence, not the canvas: ${box.height} px`);
      mkdirSync(artifactsDir, { recursive: true });
      await page.screenshot({ path: path.join(artifactsDir, 'pages-pay-no-webgl.png'), fullPage: true });
    } finally {
      await page.context().close();
    }
  });
});
