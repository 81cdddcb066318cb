// The widget in real headless Chromium against the real server with the
// demo data: what a payer opening an email link sees. Controls are found by
// role and name through the accessibility mirror (never by pixels); each
// screen is audited with axe-core and saved as a screenshot under
// build/e2e-artifacts/.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertAccessible, assertClean } from './helpers/assertions.mjs';
import {
  mirror, newWidgetPage, openWidget, screenshot, stats, waitForAnnouncement, waitForIdle, waitForStage,
} from './helpers/browser.mjs';
import { startServerAndBrowser } from './helpers/suite.mjs';
import { usd } from './helpers/values.mjs';

let server;
let browser;
let cleanup;

before(async () => ({ server, browser, cleanup } = await startServerAndBrowser()));
after(() => cleanup?.());

describe('review screen from an email link', () => {
  let page;
  let view;
  before(async () => {
    const link = server.link(/partial payments/);
    // What the API says about this invoice: the screen must show the same.
    const r = await server.api(`/api/v1/links/${link.token}`);
    assert.equal(r.status, 200, r.text);
    view = r.json;
    page = await newWidgetPage(browser);
    const response = await openWidget(page, server, link.token);
    assert.match(response.headers()['content-security-policy'], /'wasm-unsafe-eval'/);
    await waitForStage(page, 'review');
  });
  after(async () => { await page?.context().close(); });

  test('shows the invoice by role and name', async () => {
    const inv = view.invoice;
    assert.ok(inv.balance > 0, 'the seeded invoice has a balance');
    const practitioner = page.getByRole('heading', { level: 1, name: inv.practitioner.name, exact: true });
    await practitioner.waitFor({ timeout: 10000 });
    assert.equal(await practitioner.count(), 1);
    await page.getByRole('heading', { level: 2, name: `Amount due: ${usd(inv.balance)}`, exact: true }).waitFor();
    assert.equal(await mirror(page).getByText(`Invoice ${inv.number}`, { exact: false }).count(), 1);
    const pay = page.getByRole('button', { name: 'Pay Now', exact: true });
    assert.equal(await pay.count(), 1);
    assert.equal(await pay.isEnabled(), true);
    // The practitioner's contact is a real link.
    const mail = page.getByRole('link', { name: inv.practitioner.email, exact: true });
    assert.equal(await mail.getAttribute('href'), `mailto:${inv.practitioner.email}`);
    // The token left the address bar (history.replaceState) once read.
    assert.equal(new URL(page.url()).hash.includes(server.link(/partial payments/).token), false);
    await assertClean(page, { failedRequests: [] });
    await screenshot(page, 'review');
  });

  test('axe-core reports no violations on the review screen', async () => {
    await assertAccessible(page, 'the review screen');
  });

  test('draws nothing while idle for 2 s', async () => {
    const settled = await waitForIdle(page);
    assert.ok(settled.frames > 0, 'the widget drew at least one frame');
    assert.ok(settled.drawCalls > 0, 'the draw-call counter saw WebGL draws');
    await page.waitForTimeout(2000);
    const idle = await stats(page);
    assert.equal(idle.frames - settled.frames, 0, 'frames drawn while idle');
    assert.equal(idle.drawCalls - settled.drawCalls, 0, 'WebGL draw calls while idle');
    // The counter is live: a change (a narrower page) draws again.
    await page.setViewportSize({ width: 360, height: 900 });
    await page.waitForFunction((n) => window.Module.pwStats().drawCalls > n, idle.drawCalls, { timeout: 5000 });
    await waitForIdle(page);
    await screenshot(page, 'review-360px');
  });

  test('Pay Now from the keyboard leads to the amount choice', async () => {
    const pay = page.getByRole('button', { name: 'Pay Now', exact: true });
    await pay.focus();
    assert.equal(await pay.evaluate((el) => el === document.activeElement), true);
    await page.keyboard.press('Enter');
    await waitForStage(page, 'amount');
    assert.equal(await page.getByRole('button', { name: 'Pay Now', exact: true }).count(), 0);
    await assertClean(page, { failedRequests: [] });
    await screenshot(page, 'amount');
  });
});

describe('link states', () => {
  test('an expired link says so and names whom to ask', async () => {
    const link = server.link(/expired/);
    const api = await server.api(`/api/v1/links/${link.token}`);
    assert.equal(api.status, 410, api.text);
    assert.equal(api.json.error.code, 'link_expired');
    const page = await newWidgetPage(browser);
    try {
      await openWidget(page, server, link.token);
      await waitForStage(page, 'link_expired');
      await page.getByRole('heading', { level: 1, name: 'This payment link has expired', exact: true }).waitFor();
      assert.equal(await mirror(page).getByText(api.json.error.message, { exact: true }).count(), 1);
      await waitForAnnouncement(page, 'alert', api.json.error.message);
      assert.equal(await mirror(page).getByText('Ask for a new payment link', { exact: true }).count(), 1);
      const who = api.json.error.practitioner;
      assert.equal(await mirror(page).getByText(who.name, { exact: true }).count(), 1);
      assert.equal(await page.getByRole('link', { name: who.email, exact: true }).getAttribute('href'), `mailto:${who.email}`);
      assert.equal(await page.getByRole('link', { name: who.phone, exact: true }).count(), 1);
      assert.equal(await page.getByRole('button').count(), 0, 'nothing to press on an expired link');
      await assertClean(page, { failedRequests: ['410 /api/v1/links/…'] });
      await assertAccessible(page, 'the expired link screen');
      await screenshot(page, 'link-expired');
    } finally {
      await page.context().close();
    }
  });

  test("the portal client's link asks to sign in", async () => {
    const link = server.link(/portal client/);
    const api = await server.api(`/api/v1/links/${link.token}`);
    assert.equal(api.status, 403, api.text);
    assert.equal(api.json.error.code, 'login_required');
    const page = await newWidgetPage(browser);
    try {
      await openWidget(page, server, link.token);
      await waitForStage(page, 'login_required');
      await page.getByRole('heading', { level: 1, name: 'Sign in to pay this invoice', exact: true }).waitFor();
      const signIn = page.getByRole('button', { name: 'Sign in', exact: true });
      assert.equal(await signIn.count(), 1);
      assert.equal(await signIn.isEnabled(), true, 'the API gave a login_url');
      assert.equal(await mirror(page).getByText(api.json.error.message, { exact: true }).count(), 1);
      // Not an error the payer caused: announced politely (role status).
      await waitForAnnouncement(page, 'status', api.json.error.message);
      // No invoice details reach a payer who is not signed in.
      assert.equal(await page.getByRole('button', { name: 'Pay Now' }).count(), 0);
      assert.equal(await mirror(page).getByText(/INV-|\$/).count(), 0);
      await assertClean(page, { failedRequests: ['403 /api/v1/links/…'] });
      await assertAccessible(page, 'the sign-in required screen');
      await screenshot(page, 'login-required');
    } finally {
      await page.context().close();
    }
  });
});
