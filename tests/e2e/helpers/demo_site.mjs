// The practitioner's side of an embed test: the Harbor Wellness demo site
// (web/demo-site, served by tools/demo_site/serve.mjs in this process) on a
// free loopback port, allowed to frame /embed through the admin API.
//
//   const site = await startDemoSite({ listen: 'localhost:0', paymentHost: server.baseUrl });
//   await allowEmbedOrigins(server, [site.origin]);   // PATCH /api/v1/admin/settings
//   await page.goto(`${site.origin}/#link=${token}`);
//   const frame = await widgetFrame(page, server);     // helpers/browser.mjs: the /embed iframe's Frame
//   await site.close();
export { startDemoSite } from '../../../tools/demo_site/serve.mjs';

// Replaces the demo practice's embed origins, and nothing else (PATCH).
export async function allowEmbedOrigins(server, origins) {
  const auth = { Authorization: `Bearer ${server.seed.adminKey}` };
  const r = await server.api('/api/v1/admin/settings', { method: 'PATCH', headers: auth, body: { embed_origins: origins } });
  if (r.status !== 200) throw new Error(`e2e: PATCH /api/v1/admin/settings answered ${r.status}: ${r.text}`);
  return r.json;
}
