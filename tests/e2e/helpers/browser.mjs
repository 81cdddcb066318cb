// Headless Chromium (Debian's /usr/bin/chromium) through playwright-core,
// with the flags from shared/toolchain.md: SwiftShader gives WebGL2 without
// a GPU. Playwright manages --headless, --no-sandbox and the profile dir.
//
//   const browser = await launchBrowser();
//   const page = await newWidgetPage(browser);
//   await openWidget(page, server, token);     // /embed#link=<token>
//   await waitForStage(page, 'review');
//   await screenshot(page, 'review');          // build/e2e-artifacts/review.png
//   const violations = await axeViolations(page);
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { repoRoot } from './server.mjs';

const require = createRequire(import.meta.url);

export const chromiumPath = process.env.PW_CHROMIUM || '/usr/bin/chromium';
export const artifactsDir = process.env.PW_E2E_ARTIFACTS || path.join(process.env.PW_BUILD || path.join(repoRoot, 'build'), 'e2e-artifacts');

export const CHROMIUM_ARGS = [
  '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-gl=swiftshader', '--enable-unsafe-swiftshader',
];

export function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
}

// A fresh context (no shared cookies) and page. Records what the page
// reports so tests can assert there was none of it:
//   page.pwErrors       uncaught exceptions and console errors (but the
//                       console's "Failed to load resource": see below)
//   page.pwHttpErrors   responses >= 400 as "410 /api/v1/links/…" (the
//                       browser's own /favicon.ico request excluded): a link
//                       state screen expects its 410/403, nothing else may fail
//   window.__pwCsp      CSP violations (securitypolicyviolation events)
export async function newWidgetPage(browser, { width = 480, height = 900, dpr = 1, locale = 'en-US' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr, locale });
  await context.addInitScript(() => {
    window.__pwCsp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__pwCsp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.pwErrors = [];
  page.pwHttpErrors = [];
  page.on('pageerror', (e) => page.pwErrors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) page.pwErrors.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (r.status() >= 400 && u.pathname !== '/favicon.ico') {
      // Link tokens are secrets even in test output: keep the path's shape.
      page.pwHttpErrors.push(`${r.status()} ${u.pathname.replace(/\/links\/[^/]+/, '/links/…')}`);
    }
  });
  return page;
}

// The widget page as the email landing page opens it: the token in the
// fragment (never sent to the server).
export async function openWidget(page, server, token, query = '') {
  const response = await page.goto(`${server.baseUrl}/embed${query}#link=${token}`, { waitUntil: 'load' });
  if (!response || response.status() !== 200) throw new Error(`e2e: GET /embed answered ${response && response.status()}`);
  // Module.pwStats appears once the wasm runs and has a WebGL2 context.
  try {
    await page.waitForFunction(() => window.Module && typeof window.Module.pwStats === 'function', null,
      { timeout: 30000, polling: 100 });
  } catch {
    throw new Error(`e2e: the widget did not start within 30 s; page errors: ${JSON.stringify(page.pwErrors)}; ` +
      `failed requests: ${JSON.stringify(page.pwHttpErrors)}`);
  }
  return response;
}

export function stats(page) {
  return page.evaluate(() => window.Module.pwStats());
}

// Waits until the checkout reaches `stage` (pw::stage_id: "review",
// "link_expired", ...); the error names the stage it was stuck in.
//
// pwStats().stage is recorded at the end of the frame whose events changed
// it, so the mirror and the inputs still show the previous screen until the
// next frame, which the widget always requests after a change. Two
// animation frames later that frame has been drawn: controls found after
// waitForStage belong to the new screen.
export async function waitForStage(page, stage, timeout = 20000) {
  try {
    await page.waitForFunction((s) => window.Module.pwStats().stage === s, stage, { timeout, polling: 50 });
  } catch (e) {
    const now = await stats(page).catch(() => null);
    throw new Error(`e2e: stage "${stage}" not reached within ${timeout} ms; stats: ${JSON.stringify(now)}`);
  }
  await nextFrames(page);
}

// An init script (page.context().addInitScript) that records in
// window.__pwInteractiveAt when the first "Pay Now" mirror button exists:
// performance.now(), which counts from navigation start, once the frame
// that drew it is done. scripts/bench's first interactive frame, and the
// deferred code's "only after Pay Now" (widget_deferred).
export function recordFirstInteractive() {
  window.__pwInteractiveAt = null;
  const check = () => {
    if (window.__pwInteractiveAt !== null) return;
    for (const b of document.querySelectorAll('#pw-a11y button')) {
      if (b.textContent === 'Pay Now') { window.__pwInteractiveAt = performance.now(); return; }
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
}

// Waits until the page has asked for the widget's deferred code
// (paywidget.deferred.<hash>.wasm, requested after the first interactive
// frame: wasm/README.md "Deferred code"); its Resource Timing startTime.
export async function waitForDeferredCode(page, timeout = 10000) {
  const handle = await page.waitForFunction(() => {
    const e = performance.getEntriesByType('resource').find((r) => /\/paywidget\.deferred\.[0-9a-f]+\.wasm$/.test(r.name));
    return e ? e.startTime : null;
  }, null, { timeout });
  return handle.jsonValue();
}

// Resolves once two animation frames pass without the widget drawing (up to
// `timeout`; a widget that keeps drawing, e.g. a spinner, is left to the
// caller's own wait).
export async function settleFrames(page, timeout = 5000) {
  const end = Date.now() + timeout;
  let before = await stats(page).catch(() => null);
  while (before && Date.now() < end) {
    await nextFrames(page);
    const now = await stats(page);
    if (now.frames === before.frames) return;
    before = now;
  }
}

// Resolves after two requestAnimationFrame callbacks (the widget draws in
// requestAnimationFrame).
export function nextFrames(page) {
  return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

// Waits until no frame has been drawn for `quietMs` (render on demand
// settles after a change), up to `timeout`.
export async function waitForIdle(page, quietMs = 500, timeout = 10000) {
  const end = Date.now() + timeout;
  let last = await stats(page);
  let since = Date.now();
  while (Date.now() < end) {
    await page.waitForTimeout(100);
    const now = await stats(page);
    if (now.frames !== last.frames || now.drawCalls !== last.drawCalls) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return now;
    }
  }
  throw new Error(`e2e: the widget kept drawing for ${timeout} ms (stats ${JSON.stringify(last)})`);
}

export async function screenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// axe-core's violations (WCAG 2.x A/AA and best practice rules) on one
// frame's document, as {id, impact, help, nodes} (the test asserts there
// are none). Frames are audited one document at a time (iframes: false): a
// cross-origin frame without axe would leave axe waiting for its answer.
// axe.min.js comes from node_modules. It is NOT injected with
// page.addScriptTag: that adds an inline <script>, which the page's CSP
// (script-src 'self') rightly refuses, leaving a violation behind. It is
// evaluated through the DevTools protocol instead, which the CSP does not
// govern, so the page under audit keeps its real policy.
let axeSource;
export async function axeFrameViolations(frame) {
  const has = () => frame.evaluate(() => typeof window.axe === 'object' && typeof window.axe.run === 'function');
  if (!(await has())) {
    axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    await frame.evaluate(axeSource);
    if (!(await has())) throw new Error('e2e: axe-core did not load into the page');
  }
  return frame.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'], iframes: false });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

// The widget page's own document (/embed holds no frames).
export function axeViolations(page) {
  return axeFrameViolations(page.mainFrame());
}

// One line per violation, prefixed with where it was found when the audit
// covered several documents (auditPage: "page", "widget frame").
export function describeViolations(list) {
  return list.map((v) => `${v.where ? `${v.where}: ` : ''}${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).join(', ')}`).join('\n');
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__pwCsp || []);
}

// ---------------------------------------------------------------- screens
// Helpers the journeys share. Controls are found by role and name through
// the accessibility mirror; the mirror's elements let the mouse through to
// the canvas, so a "click" is a real mouse click at the place the mirror
// says the control is drawn (force: Playwright would otherwise wait for the
// transparent element itself to receive the pointer).

// A real mouse click on the control the mirror names (a button, radio,
// checkbox or link found with page.getByRole).
export async function press(locator) {
  await locator.waitFor({ state: 'attached', timeout: 10000 });
  // The mirror's elements let the pointer through to the canvas, so the click
  // lands where the last drawn frame put the item: after a change that moves
  // it (Pay in full hides the amount field and Continue moves up), wait for
  // the frames that change asked for, or the click can hit the old place.
  await settleFrames(locator.page());
  // The mirror shows the state of the last frame drawn: a button enabled by
  // what was just typed is clickable once that frame is out (a click on a
  // still-disabled item is rightly ignored). On a busy machine that frame
  // can lag the input events by a while.
  await locator.page().waitForFunction((el) => el && !el.disabled, await locator.elementHandle(), { timeout: 10000 });
  await locator.click({ force: true });
}

// From the review screen on to the card details, as the invoice allows:
// Pay Now → (amount: Continue) → (method: card, Continue) → details.
// Returns the link view the API answers.
export async function continueToCardForm(page, server, token) {
  const view = (await server.api(`/api/v1/links/${token}`)).json;
  const button = (name) => page.getByRole('button', { name, exact: true });
  await press(button('Pay Now'));
  if (view.options.partial_allowed) {
    await waitForStage(page, 'amount');
    await press(button('Continue'));
  }
  if (view.invoice.accepted_methods.bank_debit.length > 0) {
    await waitForStage(page, 'method');
    await press(page.getByRole('radio', { name: 'Credit or debit card', exact: true }));
    await press(button('Continue'));
  }
  await waitForStage(page, 'details');
  return view;
}

// /embed for the link, then on to the card details (continueToCardForm).
export async function openCardForm(page, server, token) {
  await openWidget(page, server, token);
  await waitForStage(page, 'review');
  return continueToCardForm(page, server, token);
}

// The accessible name of whatever has keyboard focus ("" for the body),
// with its role: "button Pay Now", "textbox Card number".
export function focusedControl(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '';
    const role = el.tagName === 'INPUT' ? (el.type === 'radio' || el.type === 'checkbox' ? el.type : 'textbox')
      : el.tagName === 'BUTTON' ? 'button' : el.tagName === 'A' ? 'link' : el.tagName.toLowerCase();
    const name = (el.getAttribute('aria-label') || el.textContent || '').trim();
    return `${role} ${name}`;
  });
}

// Every control a keyboard user can reach on the current screen, in the
// order the eye reads them: top to bottom, left to right within a row (4 px
// tolerance). Same naming as focusedControl. Radios of one group count once
// (Tab enters a group at its checked radio).
export function visualOrder(page) {
  return page.evaluate(() => {
    const nameOf = (el) => (el.getAttribute('aria-label') || el.textContent || '').trim();
    const roleOf = (el) => (el.tagName === 'INPUT' ? (el.type === 'radio' || el.type === 'checkbox' ? el.type : 'textbox')
      : el.tagName === 'BUTTON' ? 'button' : 'link');
    const all = [...document.querySelectorAll('#pw-overlay input, #pw-overlay button, #pw-overlay a[href]')]
      .filter((el) => !el.disabled && getComputedStyle(el).display !== 'none');
    const groups = new Set();
    const items = [];
    for (const el of all) {
      if (el.type === 'radio') {
        if (groups.has(el.name)) continue;
        const checked = all.find((r) => r.type === 'radio' && r.name === el.name && r.checked) || el;
        groups.add(el.name);
        items.push(checked);
      } else {
        items.push(el);
      }
    }
    const box = (el) => el.getBoundingClientRect();
    items.sort((a, b) => {
      const dy = box(a).top - box(b).top;
      return Math.abs(dy) > 4 ? dy : box(a).left - box(b).left;
    });
    return items.map((el) => `${roleOf(el)} ${nameOf(el)}`);
  });
}

// Presses Tab `count` times and returns focusedControl after each press.
export async function tabSequence(page, count, key = 'Tab') {
  const seen = [];
  for (let i = 0; i < count; i++) {
    await page.keyboard.press(key);
    seen.push(await focusedControl(page));
  }
  return seen;
}

// Text the widget exposes through its mirror (headings, text, notices;
// not the live regions).
export function mirror(page) {
  return page.locator('#pw-a11y');
}

// The widget announced `text` through its aria-live region: politely
// (role 'status') or as an alert (role 'alert').
export async function waitForAnnouncement(page, role, text) {
  await page.getByRole(role).filter({ hasText: text }).waitFor({ timeout: 5000 });
}

// A screen of the journey: the screenshot build/e2e-artifacts/widget-<name>.png
// and axe-core's violations on it (the test asserts there are none).
// { idle: false } for a screen that animates (submitting).
export async function auditScreen(page, name, { idle = true } = {}) {
  if (idle) await waitForIdle(page, 300);
  await screenshot(page, `widget-${name}`);
  return axeViolations(page);
}

// POST /api/v1/invoices/{id}/payments, the request that charges.
export const PAYMENTS_PATH = /^\/api\/v1\/invoices\/[^/]+\/payments$/;

// The next payment response the widget receives (a page also sees the
// requests of the widget frames it holds).
export function nextPaymentResponse(page) {
  return page.waitForResponse((r) => r.request().method() === 'POST' && PAYMENTS_PATH.test(new URL(r.url()).pathname),
    { timeout: 20000 });
}

// The widget iframe's Frame (the payment host's /embed inside a page: the
// demo site, the pay and portal pages), once the wasm runs in it. The
// loader (web/pay-widget.js) may replace an iframe, so the frame is looked
// up by its URL each time.
export async function widgetFrame(page, server, timeout = 30000) {
  const end = Date.now() + timeout;
  let frame;
  while (Date.now() < end && !frame) {
    frame = page.frames().find((f) => f !== page.mainFrame() && f.url().startsWith(`${server.baseUrl}/embed`));
    if (!frame) await page.waitForTimeout(100);
  }
  if (!frame) throw new Error(`e2e: no /embed frame within ${timeout} ms; frames: ${page.frames().map((f) => f.url())}`);
  await frame.waitForFunction(() => window.Module && typeof window.Module.pwStats === 'function', null,
    { timeout: Math.max(1000, end - Date.now()), polling: 100 });
  return frame;
}

// What the widget sends: every request whose path matches `re`, with its
// method and headers, and its response status when one came back.
export function recordRequests(page, re) {
  const seen = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (re.test(u.pathname)) seen.push({ method: r.method(), path: u.pathname, headers: r.headers() });
  });
  return seen;
}

// An expiry a few years ahead, as a payer types it ("12 / 29" is what the
// field shows once the widget formats "1229").
export function futureExpiry(yearsAhead = 3) {
  const yy = String((new Date().getFullYear() + yearsAhead) % 100).padStart(2, '0');
  return { typed: `12${yy}`, shown: `12 / ${yy}` };
}

// The card form's fields by their accessible names (wasm/screens/screen_card.cpp).
export const CARD_FIELDS = {
  number: 'Card number',
  exp: 'Expiry (MM / YY)',
  cvc: 'Security code',
  name: 'Name on card',
  postal_code: 'Postal code',
};

export function field(page, name) {
  return page.getByRole('textbox', { name, exact: true });
}

// Types a card into the form (fill: one input event per field, as autofill
// does). `card` has number, exp, cvc, name, postal_code; missing ones are
// left as they are.
export async function fillCard(page, card) {
  for (const [key, label] of Object.entries(CARD_FIELDS)) {
    if (card[key] !== undefined) await field(page, label).fill(card[key]);
  }
  // The frames the typing asked for: then the mirror (the submit button,
  // what it says is missing) shows what was typed.
  await settleFrames(page);
}

// What the card form's fields hold now, by the same keys.
export async function cardValues(page) {
  const out = {};
  for (const [key, label] of Object.entries(CARD_FIELDS)) out[key] = await field(page, label).inputValue();
  return out;
}

// Waits (up to `timeout`) until focusedControl is `expected`; returns what
// had focus last, so the assertion message names it.
export async function waitForFocus(page, expected, timeout = 2000) {
  const end = Date.now() + timeout;
  let now = await focusedControl(page);
  while (now !== expected && Date.now() < end) {
    await page.waitForTimeout(50);
    now = await focusedControl(page);
  }
  return now;
}
