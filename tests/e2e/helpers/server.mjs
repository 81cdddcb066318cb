// Starts the REAL server binary for a browser test: a free loopback port, a
// temporary data directory, the demo data (--seed-demo) and the widget's
// build directory as --static-dir. Parses what --seed-demo prints (admin
// key, portal login, one /pay/<token> URL per demo invoice) so tests can
// open the widget the way an email link would.
//
//   const server = await startServer();
//   server.baseUrl            'http://127.0.0.1:41234'
//   server.link(/expired/)    { number, label, url, token } of a seeded link
//   await server.stop();      SIGTERM, wait, remove the data directory
//
// Paths come from the environment (scripts/test sets them), defaulting to
// the standard build directories:
//   PW_SERVER_BIN  build/native/server
//   PW_WASM_DIR    build/wasm (paywidget.{js,wasm} + embed.{html,css,js})
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
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
  for (const f of ['embed.html', 'embed.js', 'embed.css', 'paywidget.js', 'paywidget.wasm']) {
    const p = path.join(wasmDir, f);
    if (!existsSync(p)) missing.push(`${p} (cmake --build build/wasm --target paywidget)`);
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
//   admin key: pk_...
//   portal login: sam@example.com / demo-password-1  at http://.../portal/login
//   pay links:
//     INV-0001  partial payments (min 25%), card or ACH
//       http://127.0.0.1:41234/pay/<token>
export function parseSeedOutput(text) {
  const out = { adminKey: null, portal: null, links: [] };
  const lines = text.split('\n');
  let inLinks = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    let m;
    if ((m = /^\s*admin key: (\S+)/.exec(line))) out.adminKey = m[1];
    else if ((m = /^\s*portal login: (\S+) \/ (\S+)/.exec(line))) out.portal = { email: m[1], password: m[2] };
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

async function startOnce(dataDir, extraArgs, timeoutMs) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const args = [
    '--db', path.join(dataDir, 'paywidget.db'),
    '--listen', `127.0.0.1:${port}`,
    '--public-url', baseUrl,
    '--static-dir', wasmDir,
    '--seed-demo', '--test-mode',
    '--settle-delay-seconds', '0',
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

export async function startServer({ extraArgs = [], timeoutMs = 15000 } = {}) {
  checkBuilds();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pw-e2e-'));
  let run;
  for (let attempt = 0; attempt < 3; attempt++) {
    run = await startOnce(dataDir, extraArgs, timeoutMs);
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
