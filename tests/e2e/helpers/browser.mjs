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
export async function waitForStage(page, stage, timeout = 20000) {
  try {
    await page.waitForFunction((s) => window.Module.pwStats().stage === s, stage, { timeout, polling: 50 });
  } catch (e) {
    const now = await stats(page).catch(() => null);
    throw new Error(`e2e: stage "${stage}" not reached within ${timeout} ms; stats: ${JSON.stringify(now)}`);
  }
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

// axe-core's violations on the current page (WCAG 2.x A/AA and best
// practice rules), as "rule: help (n nodes)" strings plus the raw list.
// axe.min.js comes from node_modules. It is NOT injected with
// page.addScriptTag: that adds an inline <script>, which the page's CSP
// (script-src 'self') rightly refuses, leaving a violation behind. It is
// evaluated through the DevTools protocol instead, which the CSP does not
// govern, so the page under audit keeps its real policy.
let axeSource;
export async function axeViolations(page) {
  const has = () => page.evaluate(() => typeof window.axe === 'object' && typeof window.axe.run === 'function');
  if (!(await has())) {
    axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axeSource);
    if (!(await has())) throw new Error('e2e: axe-core did not load into the page');
  }
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return result;
}

export function describeViolations(list) {
  return list.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).join(', ')}`).join('\n');
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__pwCsp || []);
}
