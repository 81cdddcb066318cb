// scripts/demo as an operator meets it: started in the background by a
// non-interactive shell with its output in a file, on ports of our choosing
// (PAYWIDGET_LISTEN, PAYWIDGET_SITE). The log is plain text; the
// practitioner's site on that port really shows the widget; and SIGINT, which
// such a shell hands its background jobs ignored, still stops both servers.
// The builds it runs are up to date by now (scripts/test built them).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

import { launchBrowser, newWidgetPage } from './helpers/browser.mjs';
import { freePort, repoRoot } from './helpers/server.mjs';
import { WIDGET_FRAME } from './helpers/values.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pw-demo-'));
const log = path.join(dir, 'demo.log');
let demoPid = 0;
let browser;

after(async () => {
  await browser?.close();
  if (demoPid && alive(demoPid)) {
    // SIGTERM first: the demo stops its two servers on it (a KILL would leave them running).
    try { process.kill(demoPid, 'SIGTERM'); } catch { /* already gone */ }
    await until('the demo exited after SIGTERM', () => !alive(demoPid), 15000).catch(() => process.kill(demoPid, 'SIGKILL'));
  }
  rmSync(dir, { recursive: true, force: true });
});

const readLog = () => { try { return readFileSync(log, 'utf8'); } catch { return ''; } };

async function until(what, check, timeoutMs) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`e2e: ${what} within ${timeoutMs} ms; demo log:\n${readLog().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// Running, and not a zombie waiting for a parent that may never reap it.
const alive = (pid) => {
  try { return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return false; }
};
const answers = (url) => fetch(url).then((r) => r.ok, () => false);

// Starts scripts/demo with `args` the way an operator's script would: `&` in
// a non-interactive shell (so the job starts with SIGINT ignored), output in
// `logPath`, on the given ports and data directory. Returns its pid.
async function startDemoInBackground(args, logPath, { hostPort, sitePort, dataDir }) {
  const shell = spawn('bash', ['-c', `scripts/demo ${args} > "${logPath}" 2>&1 & echo $!`], {
    cwd: repoRoot,
    env: { ...process.env, PAYWIDGET_LISTEN: `127.0.0.1:${hostPort}`, PAYWIDGET_SITE: `localhost:${sitePort}`,
      PAYWIDGET_DEMO_DIR: dataDir, NO_COLOR: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  shell.stdout.on('data', (d) => { out += d; });
  await new Promise((resolve) => shell.on('exit', resolve));
  const pid = Number(out.trim());
  assert.ok(pid > 0, `the shell printed the demo's pid: ${out}`);
  return pid;
}

test('scripts/demo in the background: plain log, the site on its own port embeds the widget, SIGINT stops it', async () => {
  const hostPort = await freePort();
  const sitePort = await freePort();
  const base = `http://127.0.0.1:${hostPort}`;
  const site = `http://localhost:${sitePort}`;
  demoPid = await startDemoInBackground('', log, { hostPort, sitePort, dataDir: path.join(dir, 'data') });

  await until('the demo printed its links', () => readLog().includes('Ctrl-C stops them'), 300000);
  const text = readLog();
  assert.equal(/\x1b\[/.test(text), false, 'no colour codes in a log file');
  assert.equal(/^configure: cmake /m.test(text), false, "no echo of emcmake's command line");
  assert.ok(text.includes(`${site}/#link=`), 'the site link uses PAYWIDGET_SITE');

  // The practitioner's site on this port is allowed to frame the widget.
  const key = /admin API key: (\S+)/.exec(text)[1];
  const settings = await (await fetch(`${base}/api/v1/admin/settings`, { headers: { Authorization: `Bearer ${key}` } })).json();
  assert.deepEqual(settings.embed_origins, [site]);
  browser = await launchBrowser();
  const page = await newWidgetPage(browser, { width: 1000, height: 900 });
  await page.goto(/(http:\/\/localhost:\d+\/#link=\S+)/.exec(text)[1], { waitUntil: 'load' });
  await page.waitForFunction(() => (window.harborEvents || []).some((e) => e.type === 'ready'), null, { timeout: 30000 });
  await page.frameLocator(WIDGET_FRAME).getByRole('button', { name: /Pay Now/ }).waitFor({ timeout: 20000 });
  await page.context().close();

  process.kill(demoPid, 'SIGINT');
  await until('the demo exited after SIGINT', () => !alive(demoPid), 15000);
  demoPid = 0;
  assert.match(readLog(), /stopped the payment host and the practitioner site/);
  assert.equal(await answers(`${base}/healthz`), false, 'the payment host is stopped');
  assert.equal(await answers(`${site}/`), false, 'the practitioner site is stopped');
});

// scripts/demo --postgres: the same tour on a throwaway PostgreSQL cluster,
// two instances behind one port (haproxy). Requests through that port reach
// both instances, each access log line names the instance that answered, and
// SIGTERM stops the instances, the balancer and the cluster.
test('scripts/demo --postgres: two instances behind one port, each log line names its instance', async () => {
  const hostPort = await freePort();
  const sitePort = await freePort();
  const base = `http://127.0.0.1:${hostPort}`;
  const data = path.join(dir, 'pg-data');
  const pgLog = path.join(dir, 'demo-pg.log');
  const readPgLog = () => { try { return readFileSync(pgLog, 'utf8'); } catch { return ''; } };
  demoPid = await startDemoInBackground('--postgres', pgLog, { hostPort, sitePort, dataDir: data });
  await until('the PostgreSQL demo printed its links', () => readPgLog().includes('Ctrl-C stops them'), 300000)
    .catch((e) => { throw new Error(`${e.message}\n${readPgLog().slice(-3000)}`); });
  const text = readPgLog();
  const clusterDir = /PostgreSQL: postgresql:\S*host=([^&\s,]+)/.exec(text)?.[1];
  assert.ok(clusterDir && existsSync(clusterDir), `the demo names its cluster: ${clusterDir}`);
  assert.ok(text.includes(`${base}/pay/`), 'the links point at the balancer');

  // Through the one port, several requests: round robin reaches both.
  const emailLink = new RegExp(`(${base}/pay/[A-Za-z0-9_-]+)`).exec(text)[1];
  const token = emailLink.split('/').pop();
  for (let i = 0; i < 6; i += 1) {
    const r = await fetch(`${base}/api/v1/links/${token}`);
    assert.equal(r.status, 200);
  }
  const instanceOf = (name) => {
    const lines = readFileSync(path.join(data, `server-${name}.log`), 'utf8').split('\n').filter((l) => l.startsWith('{'));
    const served = lines.map((l) => JSON.parse(l)).filter((e) => e.path === '/api/v1/links/[redacted]');
    assert.ok(served.length >= 1, `instance ${name} served link lookups`);
    const ids = new Set(served.map((e) => e.instance));
    assert.equal(ids.size, 1, `instance ${name} names itself in every line`);
    return [...ids][0];
  };
  const a = instanceOf('a');
  const b = instanceOf('b');
  assert.ok(a && b && a !== b, `two different instances answered: ${a}, ${b}`);

  process.kill(demoPid, 'SIGTERM');
  await until('the PostgreSQL demo exited after SIGTERM', () => !alive(demoPid), 20000);
  demoPid = 0;
  assert.match(readPgLog(), /stopped the payment host and the practitioner site/);
  assert.equal(await answers(`${base}/healthz`), false, 'the balancer is stopped');
  assert.equal(existsSync(clusterDir), false, 'the throwaway cluster is removed');
});
