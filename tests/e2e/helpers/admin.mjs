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
let keyCounter = 0;

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

    // Pays `amount` of the invoice through the API with its link, as an
    // earlier visit would have (what the widget does: a token, then the
    // payment with an idempotency key); the payment. By card, or by ACH
    // debit (`method: 'ach'`, the link's current mandate accepted: then
    // processing until the bank settles).
    async payByLink(token, invoice, amount, { method = 'card', name = 'Jordan Rivera' } = {}) {
      const link = { Authorization: `Link ${token}` };
      let body = { type: 'card', number: '4242424242424242', exp: '12/34', cvc: '123', name, postal_code: '94107' };
      if (method === 'ach') {
        const view = await server.api(`/api/v1/links/${token}`);
        assert.equal(view.status, 200, view.text);
        const mandate = view.json.mandates.find((m) => m.scheme === 'ach');
        body = { type: 'bank_debit', scheme: 'ach', account_holder: name, routing_number: '110000000',
          account_number: '000123456789', account_type: 'checking', mandate: { accepted: true, text_version: mandate.version } };
      }
      const tok = await server.api('/api/v1/tokens', { method: 'POST', headers: link, body });
      assert.equal(tok.status, 201, tok.text);
      keyCounter += 1;
      const pay = await server.api(`/api/v1/invoices/${invoice.id}/payments`, {
        method: 'POST', headers: { ...link, 'Idempotency-Key': `e2e-${process.pid}-${Date.now()}-${keyCounter}` },
        body: { amount, currency: invoice.currency, token: tok.json.token },
      });
      assert.equal(pay.status, 200, pay.text);
      return pay.json.payment;
    },

    // POST /api/v1/admin/payments/{id}/refunds → the refund.
    async refund(paymentId, amount, reason = 'Charged twice') {
      keyCounter += 1;
      const r = await server.api(`/api/v1/admin/payments/${paymentId}/refunds`, {
        method: 'POST', headers: { ...auth, 'Idempotency-Key': `e2e-${process.pid}-${Date.now()}-${keyCounter}` },
        body: { amount, reason },
      });
      assert.equal(r.status, 201, r.text);
      return r.json.refund;
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
