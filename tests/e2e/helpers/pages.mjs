// The payment host's own pages (server/pages, web/pages) in a browser test:
// the invoice email in the outbox, the widget iframe those pages embed,
// portal sign-in, the admin settings switch, and one audit per page
// (screenshot build/e2e-artifacts/pages-<name>.png + axe-core on the page
// and on every widget frame in it).
//
//   const mail = await sendInvoiceEmail(server, invoiceId);  // newest .eml, parsed
//   const url = payInvoiceLink(mail);                        // the Pay Invoice button
//   const frame = await widgetFrame(page, server);           // helpers/browser.mjs: the /embed iframe, running
//   await framePress(frame.getByRole('button', { name: 'Pay Now' }));
//   const violations = await auditPage(page, server, 'pay');
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { artifactsDir, axeFrameViolations, futureExpiry } from './browser.mjs';

// ------------------------------------------------------------------ email
// The server writes invoice emails as .eml files into <data dir>/outbox
// when it has no SMTP server (docs/api.md, POST /admin/invoices/{id}/send).
export function outboxDir(server) {
  return path.join(server.dataDir, 'outbox');
}

// The .eml files in the outbox now: take them before an action, then
// newOutboxMail(server, before) is the one email the action wrote.
export function outboxFiles(server) {
  let names;
  try { names = readdirSync(outboxDir(server)); } catch { return []; }
  return names.filter((n) => n.endsWith('.eml')).map((n) => path.join(outboxDir(server), n));
}

// The one .eml written since `before` (outboxFiles' answer): {mail, file}.
export function newOutboxMail(server, before) {
  const known = new Set(before);
  const fresh = outboxFiles(server).filter((f) => !known.has(f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  assert.equal(fresh.length, 1, `one new .eml in ${outboxDir(server)} (found ${fresh.length})`);
  return { mail: parseEml(readFileSync(fresh[0], 'latin1')), file: fresh[0] };
}

// Sends the invoice through the admin API and returns the one new .eml
// (parsed) with the API's answer: {mail, sent}.
export async function sendInvoiceEmail(server, invoiceId, body = {}) {
  const before = outboxFiles(server);
  const r = await server.api(`/api/v1/admin/invoices/${invoiceId}/send`, {
    method: 'POST', headers: { Authorization: `Bearer ${server.adminKey}` }, body,
  });
  assert.equal(r.status, 200, `POST /api/v1/admin/invoices/${invoiceId}/send answered ${r.status}: ${r.text}`);
  assert.equal(r.json.delivery, 'outbox', 'without --smtp-url the email goes to the outbox');
  return { ...newOutboxMail(server, before), sent: r.json };
}

function decodeQuotedPrintable(text) {
  const bytes = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) { bytes.push(parseInt(hex, 16)); i += 2; } else bytes.push(soft.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(raw, encoding) {
  const enc = (encoding || '7bit').toLowerCase();
  if (enc === 'quoted-printable') return decodeQuotedPrintable(raw);
  if (enc === 'base64') return Buffer.from(raw.replace(/\s+/g, ''), 'base64').toString('utf8');
  return Buffer.from(raw, 'latin1').toString('utf8');  // 7bit / 8bit: the bytes are UTF-8
}

function splitHeaders(block) {
  const sep = block.search(/\r?\n\r?\n/);
  const head = sep < 0 ? block : block.slice(0, sep);
  const body = sep < 0 ? '' : block.slice(sep).replace(/^\r?\n\r?\n/, '');
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
    if (m) headers[m[1].toLowerCase()] = m[2];
  }
  return { headers, body };
}

// A MIME message (RFC 5322 + multipart) read as {headers, parts: [{type,
// text}]}: every leaf part decoded from its transfer encoding.
export function parseEml(raw) {
  const parts = [];
  const walk = (block) => {
    const { headers, body } = splitHeaders(block);
    const type = (headers['content-type'] || 'text/plain').toLowerCase();
    const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] || '')?.[1];
    if (type.startsWith('multipart/') && boundary) {
      const chunks = body.split(`--${boundary}`);
      for (const chunk of chunks.slice(1)) {
        if (chunk.startsWith('--')) break;
        walk(chunk.replace(/^\r?\n/, ''));
      }
      return headers;
    }
    parts.push({ type: type.split(';')[0].trim(), text: decodeBody(body, headers['content-transfer-encoding']) });
    return headers;
  };
  const headers = walk(raw);
  return { headers, parts };
}

// The Pay Invoice link, from the HTML part's button and the text part's
// "Pay Invoice: <url>" line (both must be there and agree).
export function payInvoiceLink(mail) {
  const htmlPart = mail.parts.find((p) => p.type === 'text/html');
  const textPart = mail.parts.find((p) => p.type === 'text/plain');
  assert.ok(htmlPart && textPart, `the email has a text and an HTML part (${mail.parts.map((p) => p.type)})`);
  const button = /<a\s[^>]*href="([^"]+)"[^>]*>\s*Pay Invoice\s*<\/a>/i.exec(htmlPart.text);
  assert.ok(button, 'the HTML part has a Pay Invoice button');
  const href = button[1].replace(/&amp;/g, '&');
  const line = /Pay Invoice:\s*(\S+)/.exec(textPart.text);
  assert.ok(line, 'the text part has a "Pay Invoice:" line');
  assert.equal(line[1], href, 'the text and HTML parts link to the same page');
  return href;
}

// ------------------------------------------------------------------ widget
export async function waitForFrameStage(frame, stage, timeout = 20000) {
  try {
    await frame.waitForFunction((s) => window.Module.pwStats().stage === s, stage, { timeout, polling: 50 });
  } catch {
    const now = await frame.evaluate(() => window.Module.pwStats()).catch(() => null);
    throw new Error(`e2e: widget stage "${stage}" not reached within ${timeout} ms; stats: ${JSON.stringify(now)}`);
  }
  // The mirror belongs to the new screen two animation frames later.
  await frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

// A real click where the mirror says the control is drawn, once the last
// drawn frame shows it enabled (see helpers/browser.mjs press()).
export async function framePress(locator) {
  await locator.waitFor({ state: 'attached', timeout: 15000 });
  const end = Date.now() + 10000;
  while (await locator.isDisabled() && Date.now() < end) await locator.page().waitForTimeout(50);
  await locator.scrollIntoViewIfNeeded();
  await locator.click({ force: true });
}

const exp = futureExpiry();

// Types a card into the widget's card form inside `frame`.
export async function fillFrameCard(frame, number, name = 'Jordan Rivera') {
  await frame.getByRole('textbox', { name: 'Card number', exact: true }).fill(number);
  await frame.getByRole('textbox', { name: 'Expiry (MM / YY)', exact: true }).fill(exp.typed);
  await frame.getByRole('textbox', { name: 'Security code', exact: true }).fill('123');
  await frame.getByRole('textbox', { name: 'Name on card', exact: true }).fill(name);
  await frame.getByRole('textbox', { name: 'Postal code', exact: true }).fill('94107');
}

// ------------------------------------------------------------------ portal
// Signs in through the login form (the page must be on /portal/login) and
// waits for the page it redirects to.
export async function signIn(page, email, password, expectedPath) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await Promise.all([
    page.waitForURL((u) => u.pathname === expectedPath, { timeout: 15000 }),
    page.getByRole('button', { name: 'Sign in', exact: true }).click(),
  ]);
}

// A session for API calls outside the browser: the Cookie header value.
export async function apiSession(server, email, password) {
  const r = await server.api('/api/v1/session', { method: 'POST', body: { email, password } });
  assert.equal(r.status, 200, `POST /api/v1/session answered ${r.status}: ${r.text}`);
  const cookie = /pw_session=[^;]+/.exec(r.headers.get('set-cookie') || '');
  assert.ok(cookie, 'the session cookie is set');
  return cookie[0];
}

// A client with an activated portal account (CreateClientRequest's
// portal_password), so their links answer login_required.
export async function createPortalClient(server, { name = 'Robin Park', password = 'portal-secret-42' } = {}) {
  const email = `portal-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`;
  const r = await server.api('/api/v1/admin/clients', {
    method: 'POST', headers: { Authorization: `Bearer ${server.adminKey}` },
    body: { name, email, portal_password: password },
  });
  assert.equal(r.status, 201, `POST /api/v1/admin/clients answered ${r.status}: ${r.text}`);
  assert.equal(r.json.client.portal_activated, true);
  return { ...r.json.client, password };
}

// PUT /api/v1/admin/settings needs every member. There is no GET: the embed
// origins are read back from /embed's frame-ancestors (what the server
// enforces), the settlement currency is the seed's (docs: USD).
export async function setCardRemoval(server, allowed, practice = 'prc_demo_harbor') {
  const embed = await server.api(`/embed?practice=${practice}`);
  const csp = embed.headers.get('content-security-policy') || '';
  const ancestors = /frame-ancestors ([^;]+)/.exec(csp)?.[1].split(/\s+/).filter((o) => o && o !== "'self'" && o !== "'none'") ?? [];
  const body = { allow_saved_method_removal: allowed, settlement_currency: 'USD', embed_origins: ancestors };
  const r = await server.api('/api/v1/admin/settings', {
    method: 'PUT', headers: { Authorization: `Bearer ${server.adminKey}` }, body,
  });
  assert.equal(r.status, 200, `PUT /api/v1/admin/settings answered ${r.status}: ${r.text}`);
  // The answer is every setting; the ones sent come back as sent.
  for (const [k, v] of Object.entries(body)) assert.deepEqual(r.json[k], v, `the settings echo ${k} as sent`);
  return r.json;
}

// ------------------------------------------------------------------ audit
// build/e2e-artifacts/pages-<name>.png (full page; `prefix` replaces
// "pages-") and axe-core's violations on the page and inside each widget
// frame it holds (audited one document at a time: axe would otherwise wait
// on the frame).
export async function auditPage(page, server, name, { prefix = 'pages-' } = {}) {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `${prefix}${name}.png`), fullPage: true });
  const out = (await axeFrameViolations(page.mainFrame())).map((v) => ({ ...v, where: 'page' }));
  for (const f of page.frames()) {
    if (f === page.mainFrame() || !f.url().startsWith(`${server.baseUrl}/embed`)) continue;
    out.push(...(await axeFrameViolations(f)).map((v) => ({ ...v, where: 'widget frame' })));
  }
  return out;
}

// "Nov 27, 2026" for an ISO instant or date, as the pages print dates.
export function shortDate(iso) {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
}
