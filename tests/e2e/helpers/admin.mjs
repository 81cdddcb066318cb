// The practitioner's side of a browser test: the admin API of the server
// started by helpers/server.mjs, with the demo practice's admin key
// (server.adminKey, printed by --seed-demo). Tests use it to make a fresh
// invoice per journey (so journeys do not share balances or the per-link
// decline limit) and to check what really happened after the widget said
// so (payments, statuses, balances).
//
//   const admin = adminApi(server);
//   const { invoice, token } = await admin.payableInvoice({ amount: 12000 });
//   ... pay it in the browser ...
//   const view = await admin.invoice(invoice.id);   // {invoice, payments, refunds, links}
import assert from 'node:assert/strict';

let emailCounter = 0;

export function adminApi(server, key = server.adminKey) {
  if (!key) throw new Error('e2e: no admin key (did --seed-demo print one?)');
  const auth = { Authorization: `Bearer ${key}` };

  // One admin call; anything but the expected status fails with the
  // server's answer, so a changed API is reported where it happens.
  async function call(method, pathname, body, expected) {
    const r = await server.api(pathname, { method, headers: auth, body });
    assert.equal(r.status, expected, `${method} ${pathname} answered ${r.status}: ${r.text}`);
    return r.json;
  }

  const api = {
    // POST /api/v1/admin/clients → the client ({id, name, email, ...}).
    async createClient({ name = 'Jordan Rivera', email } = {}) {
      emailCounter += 1;
      const address = email ?? `e2e-${process.pid}-${Date.now()}-${emailCounter}@example.com`;
      return (await call('POST', '/api/v1/admin/clients', { name, email: address }, 201)).client;
    },

    // POST /api/v1/admin/invoices → the invoice object. `items` default to
    // one line of `amount` minor units; partial payments are off unless
    // `partial` gives the minimum ({type:'percent', basis_points} or
    // {type:'fixed', amount}).
    async createInvoice({
      clientId, currency = 'USD', amount = 12000, items, partial = null,
      card = true, bankDebit = [], issueDate, dueDate, discount = 0,
    }) {
      const today = new Date();
      const iso = (d) => d.toISOString().slice(0, 10);
      const body = {
        client_id: clientId,
        currency,
        issue_date: issueDate ?? iso(today),
        due_date: dueDate ?? iso(new Date(today.getTime() + 30 * 86400000)),
        items: items ?? [{ description: 'Massage therapy (60 min)', quantity: 1, unit_amount: amount }],
        partial_payments: partial
          ? { enabled: true, minimum: partial }
          : { enabled: false, minimum: { type: 'percent', basis_points: 0 } },
        accepted_methods: { card, bank_debit: bankDebit },
        discount,
      };
      return (await call('POST', '/api/v1/admin/invoices', body, 201)).invoice;
    },

    // POST /api/v1/admin/invoices/{id}/links → {id, url, token, expires_at, revoked}.
    async createLink(invoiceId, { expiresInDays = 30 } = {}) {
      return call('POST', `/api/v1/admin/invoices/${invoiceId}/links`, { expires_in_days: expiresInDays }, 201);
    },

    // GET /api/v1/admin/invoices/{id} → {invoice, payments, refunds, links}.
    async invoice(invoiceId) {
      return call('GET', `/api/v1/admin/invoices/${invoiceId}`, undefined, 200);
    },

    // A new client, an invoice for them and a pay link: what a journey
    // needs to start from an untouched balance.
    async payableInvoice(options = {}) {
      const client = await api.createClient(options.client);
      const invoice = await api.createInvoice({ ...options, clientId: client.id });
      const link = await api.createLink(invoice.id);
      assert.ok(link.token, 'the new link carries its token (shown once)');
      return { client, invoice, link, token: link.token };
    },
  };
  return api;
}
