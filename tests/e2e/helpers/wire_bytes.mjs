// Bytes on the wire for one page, as the browser received them from the
// network: headers plus the body as sent (compressed when it was), per
// request, from the DevTools protocol (Network.loadingFinished's
// encodedDataLength). A response the browser took from its own cache
// counts 0; a 304 counts its headers. Used by tests/e2e/caching.test.mjs and
// scripts/bench (tools/bench/widget_bench.mjs).
//
//   const wire = await recordWireBytes(page, { acceptEncoding: 'gzip' });
//   await openWidget(page, server, token); await waitForStage(page, 'review');
//   wire.total()              every request's bytes
//   wire.of(/\.wasm$/)        the bytes of the requests whose path matches
//   wire.requests()           [{ path, bytes, encoding, status, wireStatus,
//                                cacheControl, cached }]
//                             (status: as the page sees it, 200 for a
//                             revalidated copy; wireStatus: the server's, 304;
//                             0 when nothing came over the network)
//
// acceptEncoding (optional) replaces the browser's Accept-Encoding, to
// measure what a browser without brotli receives.
export async function recordWireBytes(page, { acceptEncoding } = {}) {
  const cdp = await page.context().newCDPSession(page);
  const seen = new Map();  // requestId -> { path, bytes, encoding, status, cached }
  const entry = (id) => {
    if (!seen.has(id)) seen.set(id, { path: '', bytes: 0, encoding: '', status: 0, wireStatus: 0, cacheControl: '', cached: false, done: false });
    return seen.get(id);
  };
  // Link tokens are secrets even in test output: keep the path's shape.
  cdp.on('Network.requestWillBeSent', (e) => {
    entry(e.requestId).path = new URL(e.request.url).pathname.replace(/\/links\/[^/]+/, '/links/…');
  });
  cdp.on('Network.requestServedFromCache', (e) => { entry(e.requestId).cached = true; });
  cdp.on('Network.responseReceived', (e) => {
    const r = entry(e.requestId);
    r.status = e.response.status;
    const header = (name) => Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === name)?.[1] || '';
    r.encoding = header('content-encoding');
    r.cacheControl = header('cache-control');
    if (e.response.fromDiskCache || e.response.fromPrefetchCache) r.cached = true;
  });
  // The status line as it came over the network: a revalidated response is
  // reported above as the cached 200, here as the server's 304.
  cdp.on('Network.responseReceivedExtraInfo', (e) => { entry(e.requestId).wireStatus = e.statusCode; });
  cdp.on('Network.loadingFinished', (e) => {
    const r = entry(e.requestId);
    r.bytes = e.encodedDataLength;
    r.done = true;
  });
  await cdp.send('Network.enable');
  if (acceptEncoding) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': acceptEncoding } });
  // The browser asks for /favicon.ico on a top-level page; inside the
  // practitioner's iframe it would not.
  const counted = () => [...seen.values()].filter((r) => r.path && r.path !== '/favicon.ico');
  return {
    requests: () => counted().map(({ path, bytes, encoding, status, wireStatus, cacheControl, cached }) =>
      ({ path, bytes, encoding, status, wireStatus, cacheControl, cached })),
    total: () => counted().reduce((sum, r) => sum + r.bytes, 0),
    of: (re) => counted().filter((r) => re.test(r.path)).reduce((sum, r) => sum + r.bytes, 0),
    // Every request seen has finished loading (its bytes are final).
    settled: () => counted().every((r) => r.done),
  };
}

// Waits until every request the page made so far has finished loading.
export async function waitForWireSettled(page, wire, timeout = 10000) {
  const until = Date.now() + timeout;
  while (!wire.settled()) {
    if (Date.now() > until) throw new Error(`e2e: requests still loading: ${JSON.stringify(wire.requests())}`);
    await page.waitForTimeout(50);
  }
}
