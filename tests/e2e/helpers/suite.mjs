// One e2e file's world: the real server (demo data, test mode), headless
// Chromium, and the admin API with the demo practice's key. Every file
// starts it in its `before` and hands `cleanup` to its `after`:
//
//   let server, browser, admin, cleanup;
//   before(async () => ({ server, browser, admin, cleanup } = await startServerAndBrowser()));
//   after(() => cleanup?.());
//
// `cleanup` closes what the file added with `closeWith` (last first), then
// the browser, then stops the server, and still stops the server when a
// close fails. When the browser cannot start, the server is stopped before
// the error is rethrown, so a failed `before` leaves no process behind.
import { adminApi } from './admin.mjs';
import { launchBrowser } from './browser.mjs';
import { startServer } from './server.mjs';

// `server`: startServer's options (e.g. { settleDelaySeconds: 3600 }).
export async function startServerAndBrowser({ server: serverOptions = {} } = {}) {
  const server = await startServer(serverOptions);
  let browser;
  try {
    browser = await launchBrowser();
  } catch (e) {
    await server.stop();
    throw e;
  }
  const closers = [];
  return {
    server,
    browser,
    admin: adminApi(server),
    // Something the file started after the suite (a demo site) that must
    // be closed before the browser and the server.
    closeWith(close) { closers.push(close); },
    async cleanup() {
      try {
        for (const close of closers.reverse()) await close();
      } finally {
        try {
          await browser.close();
        } finally {
          await server.stop();
        }
      }
    },
  };
}
