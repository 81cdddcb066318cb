// The practitioner's side of an embed test: the Harbor Wellness demo site
// (web/demo-site, served by tools/demo_site/serve.mjs in this process) on a
// free loopback port, allowed to frame /embed through the admin API.
//
//   const site = await startDemoSite({ listen: 'localhost:0', paymentHost: server.baseUrl });
//   await allowEmbedOrigins(server, [site.origin]);   // PUT /api/v1/admin/settings
//   await page.goto(`${site.origin}/#link=${token}`);
//   const frame = await widgetFrame(page, server);     // helpers/browser.mjs: the /embed iframe's Frame
//   await site.close();
export { startDemoSite } from '../../../tools/demo_site/serve.mjs';

// Replaces the demo practice's embed origins (every settings member is
// required, so the others are read back as the seed set them).
export async function allowEmbedOrigins(server, origins) {
  const auth = { Authorization: `Bearer ${server.seed.adminKey}` };
  const body = { allow_saved_method_removal: true, settlement_currency: 'USD', embed_origins: origins };
  const r = await server.api('/api/v1/admin/settings', { method: 'PUT', headers: auth, body });
  if (r.status !== 200) throw new Error(`e2e: PUT /api/v1/admin/settings answered ${r.status}: ${r.text}`);
  return r.json;
}
