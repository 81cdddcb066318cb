#!/usr/bin/env node
// Serves web/demo-site/ (Harbor Wellness Clinic, a practitioner's own site
// that embeds the payment widget) with nothing but node:http.
//
//   node tools/demo_site/serve.mjs [--listen localhost:8081] [--payment-host http://127.0.0.1:8080]
//
// The page's script tag names the payment host exactly as a practitioner
// would paste it (http://127.0.0.1:8080/pay-widget.js); --payment-host
// rewrites that one address when the host runs elsewhere (the e2e tests use
// a random port). The page is served with a strict CSP (no inline script or
// style, frames and scripts only from the payment host), which the loader
// must live with. "localhost" binds 127.0.0.1 but keeps "localhost" in the
// origin: the demo practice's embed origin is http://localhost:8081.
// SIGINT/SIGTERM close the server and exit 0.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const siteDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/demo-site');
export const DEFAULT_PAYMENT_HOST = 'http://127.0.0.1:8080';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

// "http(s)://host[:port]" exactly, or an Error saying what is wrong.
function checkOrigin(text) {
  let u;
  try { u = new URL(text); } catch { return new Error(`--payment-host "${text}" is not a URL; use e.g. http://127.0.0.1:8080`); }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.origin === 'null') {
    return new Error(`--payment-host "${text}" must be an http(s) origin such as http://127.0.0.1:8080`);
  }
  return u.origin;
}

function csp(paymentHost) {
  return [
    "default-src 'self'", `script-src 'self' ${paymentHost}`, `frame-src ${paymentHost}`, "style-src 'self'",
    "img-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

// Starts the server; resolves to {origin, port, close()} once it listens.
//   listen       "localhost:8081" (default), "127.0.0.1:0" for a free port
//   paymentHost  the payment host's origin (default http://127.0.0.1:8080)
export async function startDemoSite({ listen = 'localhost:8081', paymentHost = DEFAULT_PAYMENT_HOST, root = siteDir } = {}) {
  root = path.resolve(root);
  const host = checkOrigin(paymentHost);
  if (host instanceof Error) throw host;
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(listen);
  if (!m) throw new Error(`--listen "${listen}" must be host:port, e.g. localhost:8081`);
  const name = m[1];
  const bindAddress = name === 'localhost' ? '127.0.0.1' : name.replace(/^\[|\]$/g, '');
  const headers = {
    'Content-Security-Policy': csp(host),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Cache-Control': 'no-cache',
  };

  const server = http.createServer(async (req, res) => {
    const send = (status, type, body) => {
      res.writeHead(status, { ...headers, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(405, TYPES['.txt'], 'Method not allowed\n');
    }
    let pathname;
    try { pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { return send(400, TYPES['.txt'], 'Bad request\n'); }
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = path.resolve(root, `.${pathname}`);
    const type = TYPES[path.extname(file)];
    // Only files inside the site directory, and only known types.
    if (!file.startsWith(root + path.sep) || !type) return send(404, TYPES['.txt'], 'Not found\n');
    let body;
    try { body = await readFile(file); } catch { return send(404, TYPES['.txt'], 'Not found\n'); }
    if (path.extname(file) === '.html') body = body.toString('utf8').replaceAll(DEFAULT_PAYMENT_HOST, host);
    send(200, type, body);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(m[2]), bindAddress, resolve);
  });
  const port = server.address().port;
  return {
    origin: `http://${name}:${port}`,
    port,
    paymentHost: host,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function parseArgs(argv) {
  const out = { listen: process.env.PAYWIDGET_DEMO_SITE_LISTEN || 'localhost:8081', paymentHost: DEFAULT_PAYMENT_HOST };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--listen') out.listen = value();
    else if (a === '--payment-host') out.paymentHost = value();
    else if (a === '--help' || a === '-h') out.help = true;
    else throw new Error(`unknown argument "${a}" (see --help)`);
  }
  return out;
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`demo site: ${e.message}`);
    process.exit(2);
  }
  if (args.help) {
    console.log('usage: node tools/demo_site/serve.mjs [--listen localhost:8081] [--payment-host http://127.0.0.1:8080]');
    return;
  }
  let site;
  try {
    site = await startDemoSite(args);
  } catch (e) {
    console.error(`demo site: cannot start: ${e.message}`);
    process.exit(1);
  }
  console.log(`demo site: ${site.origin}/ (payment host ${site.paymentHost}); open ${site.origin}/#link=<token>`);
  const stop = (signal) => {
    console.log(`demo site: ${signal}, stopping`);
    site.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
