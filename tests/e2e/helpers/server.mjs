// Starts the REAL server binary for a browser test: a free loopback port, a
// temporary data directory, the demo data (--seed-demo) and the widget's
// build directory as --static-dir. Parses what --seed-demo prints (admin
// key, portal login, one /pay/<token> URL per demo invoice) so tests can
// open the widget the way an email link would.
//
//   const server = await startServer();
//   server.baseUrl            'http://127.0.0.1:41234'
//   server.link(/expired/)    { number, label, url, token } of a seeded link
//   server.adminKey           the demo practice's admin key (helpers/admin.mjs)
//   await server.stop();      SIGTERM, wait, remove the data directory
//
// Bank debits settle 0 s after the charge by default (the server's
// settlement worker runs every second); startServer({ settleDelaySeconds:
// 3600 }) keeps them "processing" until POST /api/v1/test/settle.
//
// Paths come from the environment (scripts/test sets them), defaulting to
// the standard build directories:
//   PW_SERVER_BIN  build/native/server
//   PW_WASM_DIR    build/wasm (embed.html naming the content-hashed
//                  paywidget.<hash>.{js,wasm}, embed.<hash>.{css,js} listed in
//                  asset-manifest.json; wasm/stage_assets.py)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const buildDir = process.env.PW_BUILD || path.join(repoRoot, 'build');
export const serverBin = process.env.PW_SERVER_BIN || path.join(buildDir, 'native', 'server');
export const wasmDir = process.env.PW_WASM_DIR || path.join(buildDir, 'wasm');

// Fails with a message that says what to build, instead of a confusing
// browser timeout later.
export function checkBuilds() {
  const missing = [];
  if (!existsSync(serverBin)) missing.push(`server binary ${serverBin} (cmake --build build/native --target server)`);
  for (const f of ['embed.html', 'embed.html.br', 'asset-manifest.json']) {
    const p = path.join(wasmDir, f);
    if (!existsSync(p)) missing.push(`${p} (cmake --build build/wasm --target paywidget_assets)`);
  }
  if (missing.length) throw new Error(`e2e: missing build outputs:\n  ${missing.join('\n  ')}`);
}

// A port that was free a moment ago (bind 127.0.0.1:0, read it, close). The
// server could lose a race for it, so startServer retries with a new one.
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// What --seed-demo prints (server/services/seed_demo.cpp):
//   admin key: pwk_...
//   portal login: sam@example.com / demo-password-1  at http://.../portal/login
//   console login: maya.chen@harborwellness.example / demo-console-1  at http://.../console/login
//   pay links:
//     INV-0001  partial payments (min 25%), card or ACH
//       http://127.0.0.1:41234/pay/<token>
export function parseSeedOutput(text) {
  const out = { adminKey: null, portal: null, console: null, links: [] };
  const lines = text.split('\n');
  let inLinks = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    let m;
    if ((m = /^\s*admin key: (\S+)/.exec(line))) out.adminKey = m[1];
    else if ((m = /^\s*portal login: (\S+) \/ (\S+)/.exec(line))) out.portal = { email: m[1], password: m[2] };
    else if ((m = /^\s*console login: (\S+) \/ (\S+)/.exec(line))) out.console = { email: m[1], password: m[2] };
    else if (/^pay links:/.test(line)) inLinks = true;
    else if (inLinks && (m = /^ {2}(\S+) {2}(.+)$/.exec(line))) {
      const url = (lines[i + 1] || '').trim();
      const t = /\/pay\/([A-Za-z0-9_-]+)$/.exec(url);
      if (!t) throw new Error(`e2e: cannot read the pay link for ${m[1]} from "${url}"`);
      out.links.push({ number: m[1], label: m[2].trim(), url, token: t[1] });
      i++;
    } else if (inLinks && !/^\s/.test(line)) inLinks = false;
  }
  return out;
}

async function startOnce(dataDir, extraArgs, timeoutMs, settleDelaySeconds) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const args = [
    '--db', path.join(dataDir, 'paywidget.db'),
    '--listen', `127.0.0.1:${port}`,
    '--public-url', baseUrl,
    '--static-dir', wasmDir,
    '--seed-demo', '--test-mode',
    '--settle-delay-seconds', String(settleDelaySeconds),
    '--workers', '8',
    ...extraArgs,
  ];
  const child = spawn(serverBin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => { stderr += d; });
  const ready = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ ok: false, why: `no "listening on" within ${timeoutMs} ms` }), timeoutMs);
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes(`listening on ${baseUrl}`)) { clearTimeout(timer); resolve({ ok: true }); }
    });
    child.on('exit', (code, signal) => { clearTimeout(timer); resolve({ ok: false, why: `exited (${code ?? signal})` }); });
  });
  return { child, port, baseUrl, ready, output: () => ({ stdout, stderr }) };
}

export async function startServer({ extraArgs = [], timeoutMs = 15000, settleDelaySeconds = 0 } = {}) {
  checkBuilds();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pw-e2e-'));
  let run;
  for (let attempt = 0; attempt < 3; attempt++) {
    run = await startOnce(dataDir, extraArgs, timeoutMs, settleDelaySeconds);
    if (run.ready.ok) break;
    run.child.kill('SIGKILL');
    // Only a lost port race is worth another try.
    if (!/cannot listen/.test(run.output().stderr)) break;
  }
  if (!run.ready.ok) {
    const { stdout, stderr } = run.output();
    await rm(dataDir, { recursive: true, force: true });
    throw new Error(`e2e: server did not start: ${run.ready.why}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
  }
  const seed = parseSeedOutput(run.output().stdout);
  if (seed.links.length === 0) throw new Error(`e2e: --seed-demo printed no pay links:\n${run.output().stdout}`);
  const { child } = run;
  return {
    baseUrl: run.baseUrl,
    port: run.port,
    dataDir,
    seed,
    adminKey: seed.adminKey,
    // The seeded link whose label matches `re` (throws when none does, so a
    // changed seed fails loudly rather than testing the wrong invoice).
    link(re) {
      const found = seed.links.find((l) => re.test(l.label));
      if (!found) throw new Error(`e2e: no seeded link labelled ${re}; have: ${seed.links.map((l) => l.label).join(' | ')}`);
      return found;
    },
    // GET/POST against the API (same origin as the widget), JSON in and out.
    async api(pathname, { method = 'GET', headers = {}, body } = {}) {
      const res = await fetch(run.baseUrl + pathname, {
        method,
        headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      let json = null;
      try { json = JSON.parse(text); } catch { /* not JSON */ }
      return { status: res.status, headers: res.headers, json, text };
    },
    output: run.output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

// ------------------------------------------------------- documented tables
// The tests compare what the widget shows with what the project documents,
// read from the documents themselves rather than copied into the tests.

// docs/api.md's "Error and decline codes": {kind: {code: {status, message,
// field}}} for kind request, auth, link, conflict, limit, server,
// card_decline, bank_return. `field` is the input to focus ("" if none).
export function codeCatalogue() {
  const text = readFileSync(path.join(repoRoot, 'docs', 'api.md'), 'utf8');
  const out = {};
  let kind = null;
  for (const line of text.split('\n')) {
    let m;
    if ((m = /^#### (\w+)\s*$/.exec(line))) { kind = m[1]; out[kind] = {}; continue; }
    if (!kind || !(m = /^\| `([a-z_]+)` \| (\d+) \| (.*) \| (yes|no) \|$/.exec(line))) continue;
    const f = /^(.*?)(?: \(`([a-z_.]+)`\))?$/.exec(m[3].trim());
    out[kind][m[1]] = { status: Number(m[2]), message: f[1], field: f[2] || '', retryable: m[4] === 'yes' };
  }
  if (!out.card_decline || !out.bank_return) throw new Error('e2e: docs/api.md has no card_decline/bank_return tables');
  return out;
}

// server/processor/README.md's "Test cards" table: [{number, outcome,
// code, publicCode}] where number is as printed ("4000 0000 0000 0002"),
// outcome "succeeded" | "declined" | "processing_error", code the
// processor's raw code and publicCode the one payers see (the README says
// "shown to payers as `x`" where the two differ).
export function testCards() {
  const text = readFileSync(path.join(repoRoot, 'server', 'processor', 'README.md'), 'utf8');
  const section = text.split('## Test cards')[1]?.split('\n## ')[0] ?? '';
  const cards = [];
  for (const line of section.split('\n')) {
    const m = /^\| ([\d ]{19}) \| ([a-z_]+)(?:, [a-z]+)? \| (.*?) \|$/.exec(line);
    if (!m) continue;
    const code = /`([a-z_]+)`/.exec(m[3])?.[1] ?? '';
    const shown = /shown to payers as `([a-z_]+)`/.exec(m[3])?.[1];
    cards.push({ number: m[1], outcome: m[2], code, publicCode: shown ?? code });
  }
  if (cards.length < 5) throw new Error(`e2e: cannot read the test cards from server/processor/README.md (${cards.length})`);
  return cards;
}
