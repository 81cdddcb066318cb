// The PostgreSQL schema, as the same numbered steps as SQLite's
// (migrations.cpp): same tables, columns, tenant composite foreign keys and
// CHECK constraints. Differences: BIGINT for SQLite's INTEGER; emails are
// unique on lower(email) under the C collation (ASCII case-insensitive, as
// SQLite's NOCASE); every unique constraint is named <table>__<column> so a
// violation reports its column (pg_conn.cpp). Append; never edit a step.
#include "storage/migrations.hpp"

#include <iterator>

namespace pws {

namespace {

constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE practices (
  id                  TEXT CONSTRAINT practices__id PRIMARY KEY,
  name                TEXT NOT NULL,
  email               TEXT NOT NULL,
  phone               TEXT NOT NULL DEFAULT '',
  api_key_hash        TEXT NOT NULL CONSTRAINT practices__api_key_hash UNIQUE,
  allow_card_removal  BIGINT NOT NULL DEFAULT 0 CHECK (allow_card_removal IN (0, 1)),
  settlement_currency TEXT NOT NULL DEFAULT '',
  embed_origins       TEXT NOT NULL DEFAULT '[]',
  created_at          BIGINT NOT NULL
);

CREATE TABLE clients (
  id            TEXT CONSTRAINT clients__id PRIMARY KEY,
  practice_id   TEXT NOT NULL REFERENCES practices(id),
  name          TEXT NOT NULL,
  email         TEXT COLLATE "C" NOT NULL,
  phone         TEXT NOT NULL DEFAULT '',
  password_hash TEXT,
  created_at    BIGINT NOT NULL,
  CONSTRAINT clients__practice_id UNIQUE (id, practice_id)
);
CREATE UNIQUE INDEX clients__email ON clients(practice_id, lower(email));
CREATE INDEX clients_by_email ON clients(lower(email));

CREATE TABLE invoices (
  id          TEXT CONSTRAINT invoices__id PRIMARY KEY,
  practice_id TEXT NOT NULL,
  client_id   TEXT NOT NULL,
  number      TEXT NOT NULL,
  currency    TEXT NOT NULL,
  total       BIGINT NOT NULL CHECK (total >= 0),
  voided      BIGINT NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
  definition  TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  CONSTRAINT invoices__number UNIQUE (practice_id, number),
  CONSTRAINT invoices__practice_id UNIQUE (id, practice_id),
  FOREIGN KEY (client_id, practice_id) REFERENCES clients(id, practice_id)
);
CREATE INDEX invoices_by_client ON invoices(client_id, created_at);

CREATE TABLE links (
  id          TEXT CONSTRAINT links__id PRIMARY KEY,
  invoice_id  TEXT NOT NULL,
  practice_id TEXT NOT NULL,
  token_hash  TEXT NOT NULL CONSTRAINT links__token_hash UNIQUE,
  created_at  BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL,
  revoked_at  BIGINT,
  FOREIGN KEY (invoice_id, practice_id) REFERENCES invoices(id, practice_id)
);
CREATE INDEX links_by_invoice ON links(invoice_id);

CREATE TABLE mandates (
  id             TEXT CONSTRAINT mandates__id PRIMARY KEY,
  practice_id    TEXT NOT NULL REFERENCES practices(id),
  scheme         TEXT NOT NULL CHECK (scheme IN ('ach', 'pad', 'sepa')),
  text_version   TEXT NOT NULL,
  text           TEXT NOT NULL,
  accepted_at    BIGINT NOT NULL,
  payer_name     TEXT NOT NULL,
  client_address TEXT NOT NULL
);

CREATE TABLE vault_tokens (
  token_hash    TEXT CONSTRAINT vault_tokens__token_hash PRIMARY KEY,
  practice_id   TEXT NOT NULL REFERENCES practices(id),
  link_id       TEXT REFERENCES links(id),
  client_id     TEXT REFERENCES clients(id),
  kind          TEXT NOT NULL CHECK (kind IN ('card', 'bank_debit')),
  processor_ref TEXT NOT NULL,
  brand         TEXT NOT NULL,
  last4         TEXT NOT NULL,
  exp_month     BIGINT NOT NULL DEFAULT 0,
  exp_year      BIGINT NOT NULL DEFAULT 0,
  fingerprint   TEXT NOT NULL,
  mandate_id    TEXT REFERENCES mandates(id),
  created_at    BIGINT NOT NULL,
  expires_at    BIGINT NOT NULL,
  used_at       BIGINT,
  CHECK ((link_id IS NULL) <> (client_id IS NULL))
);

CREATE TABLE saved_methods (
  id            TEXT CONSTRAINT saved_methods__id PRIMARY KEY,
  practice_id   TEXT NOT NULL,
  client_id     TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('card', 'bank_debit')),
  processor_ref TEXT NOT NULL,
  brand         TEXT NOT NULL,
  last4         TEXT NOT NULL,
  exp_month     BIGINT NOT NULL DEFAULT 0,
  exp_year      BIGINT NOT NULL DEFAULT 0,
  fingerprint   TEXT NOT NULL,
  created_at    BIGINT NOT NULL,
  removed_at    BIGINT,
  FOREIGN KEY (client_id, practice_id) REFERENCES clients(id, practice_id)
);
CREATE UNIQUE INDEX saved_methods__fingerprint
  ON saved_methods(client_id, fingerprint) WHERE removed_at IS NULL;

CREATE TABLE payments (
  id                TEXT CONSTRAINT payments__id PRIMARY KEY,
  practice_id       TEXT NOT NULL,
  invoice_id        TEXT NOT NULL,
  amount            BIGINT NOT NULL CHECK (amount > 0),
  currency          TEXT NOT NULL,
  state             TEXT NOT NULL CHECK (state IN ('reserved', 'succeeded', 'processing',
                      'declined', 'failed', 'returned', 'released')),
  method_type       TEXT NOT NULL CHECK (method_type IN ('card', 'bank_debit')),
  method_brand      TEXT NOT NULL,
  method_last4      TEXT NOT NULL,
  payment_method_id TEXT REFERENCES saved_methods(id),
  token_hash        TEXT REFERENCES vault_tokens(token_hash),
  save_method       BIGINT NOT NULL DEFAULT 0 CHECK (save_method IN (0, 1)),
  mandate_id        TEXT REFERENCES mandates(id),
  processor_ref     TEXT NOT NULL DEFAULT '',
  charge_key        TEXT NOT NULL CONSTRAINT payments__charge_key UNIQUE,
  decline_code      TEXT NOT NULL DEFAULT '',
  decline_message   TEXT NOT NULL DEFAULT '',
  payer             TEXT NOT NULL CHECK (payer IN ('link', 'portal')),
  link_id           TEXT REFERENCES links(id),
  client_id         TEXT REFERENCES clients(id),
  idem_scope        TEXT NOT NULL DEFAULT '',
  idem_key          TEXT NOT NULL DEFAULT '',
  created_at        BIGINT NOT NULL,
  updated_at        BIGINT NOT NULL,
  FOREIGN KEY (invoice_id, practice_id) REFERENCES invoices(id, practice_id)
);
CREATE INDEX payments_by_invoice ON payments(invoice_id, created_at);
CREATE INDEX payments_by_state ON payments(state, created_at);

CREATE TABLE refunds (
  id            TEXT CONSTRAINT refunds__id PRIMARY KEY,
  payment_id    TEXT NOT NULL REFERENCES payments(id),
  practice_id   TEXT NOT NULL REFERENCES practices(id),
  amount        BIGINT NOT NULL CHECK (amount > 0),
  currency      TEXT NOT NULL,
  reason        TEXT NOT NULL DEFAULT '',
  state         TEXT NOT NULL CHECK (state IN ('reserved', 'succeeded', 'failed')),
  refund_key    TEXT NOT NULL CONSTRAINT refunds__refund_key UNIQUE,
  processor_ref TEXT NOT NULL DEFAULT '',
  idem_scope    TEXT NOT NULL DEFAULT '',
  idem_key      TEXT NOT NULL DEFAULT '',
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL
);
CREATE INDEX refunds_by_payment ON refunds(payment_id);
CREATE INDEX refunds_by_state ON refunds(state, created_at);

CREATE TABLE idempotency (
  scope           TEXT NOT NULL,
  key             TEXT NOT NULL,
  request_hash    TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('in_progress', 'done')),
  response_status BIGINT NOT NULL DEFAULT 0,
  response_body   TEXT NOT NULL DEFAULT '',
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL,
  CONSTRAINT idempotency__key PRIMARY KEY (scope, key)
);

CREATE TABLE portal_sessions (
  id_hash    TEXT CONSTRAINT portal_sessions__id_hash PRIMARY KEY,
  client_id  TEXT NOT NULL REFERENCES clients(id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX portal_sessions_by_client ON portal_sessions(client_id);

CREATE TABLE one_time_tokens (
  token_hash TEXT CONSTRAINT one_time_tokens__token_hash PRIMARY KEY,
  client_id  TEXT NOT NULL REFERENCES clients(id),
  purpose    TEXT NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at    BIGINT
);

CREATE TABLE outbox (
  id          TEXT CONSTRAINT outbox__id PRIMARY KEY,
  practice_id TEXT NOT NULL REFERENCES practices(id),
  invoice_id  TEXT REFERENCES invoices(id),
  recipient   TEXT NOT NULL,
  subject     TEXT NOT NULL,
  path        TEXT NOT NULL,
  created_at  BIGINT NOT NULL
);
CREATE INDEX outbox_by_practice ON outbox(practice_id, created_at);
)sql";

constexpr const char* kSchemaV2 = R"sql(
CREATE INDEX payments_released_by_retry
  ON payments(token_hash, idem_scope, idem_key) WHERE state = 'released';
)sql";

// PostgreSQL can drop the retired api_key_hash column (SQLite cannot).
constexpr const char* kSchemaV3 = R"sql(
CREATE TABLE admin_keys (
  id           TEXT CONSTRAINT admin_keys__id PRIMARY KEY,
  practice_id  TEXT NOT NULL REFERENCES practices(id),
  name         TEXT NOT NULL,
  key_hash     TEXT NOT NULL CONSTRAINT admin_keys__key_hash UNIQUE,
  hint         TEXT NOT NULL DEFAULT '',
  created_at   BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at   BIGINT
);
CREATE INDEX admin_keys_by_practice ON admin_keys(practice_id, created_at);
INSERT INTO admin_keys (id, practice_id, name, key_hash, created_at)
  SELECT 'key_' || md5(random()::text || id), id, 'first key', api_key_hash, created_at FROM practices;
ALTER TABLE practices DROP COLUMN api_key_hash;
)sql";

constexpr const char* kSchemaV4 = R"sql(
ALTER TABLE payments ADD COLUMN lease_owner TEXT NOT NULL DEFAULT '';
ALTER TABLE payments ADD COLUMN lease_expires_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE refunds ADD COLUMN lease_owner TEXT NOT NULL DEFAULT '';
ALTER TABLE refunds ADD COLUMN lease_expires_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX payments_reserved_by_lease ON payments(lease_expires_at) WHERE state = 'reserved';
CREATE INDEX refunds_reserved_by_lease ON refunds(lease_expires_at) WHERE state = 'reserved';
)sql";

constexpr const char* kSchemaV5 = R"sql(
CREATE TABLE rate_limit_tats (
  key    TEXT CONSTRAINT rate_limit_tats__key PRIMARY KEY,
  tat_ms BIGINT NOT NULL CHECK (tat_ms > 0)
);
CREATE INDEX rate_limit_tats_by_time ON rate_limit_tats(tat_ms);
)sql";

// Version 6: practice users, console sessions, activity (migrations.cpp
// says why the email is unique across practices).
constexpr const char* kSchemaV6 = R"sql(
CREATE TABLE practice_users (
  id            TEXT CONSTRAINT practice_users__id PRIMARY KEY,
  practice_id   TEXT NOT NULL REFERENCES practices(id),
  email         TEXT COLLATE "C" NOT NULL,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('owner', 'staff')),
  password_hash TEXT NOT NULL DEFAULT '',
  created_at    BIGINT NOT NULL,
  disabled_at   BIGINT
);
CREATE UNIQUE INDEX practice_users__email ON practice_users(lower(email));
CREATE INDEX practice_users_by_practice ON practice_users(practice_id, created_at);

CREATE TABLE console_sessions (
  id_hash         TEXT CONSTRAINT console_sessions__id_hash PRIMARY KEY,
  user_id         TEXT NOT NULL REFERENCES practice_users(id),
  created_at      BIGINT NOT NULL,
  idle_expires_at BIGINT NOT NULL,
  expires_at      BIGINT NOT NULL
);
CREATE INDEX console_sessions_by_user ON console_sessions(user_id);

CREATE TABLE activity (
  id          TEXT CONSTRAINT activity__id PRIMARY KEY,
  practice_id TEXT NOT NULL REFERENCES practices(id),
  at          BIGINT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  subject     TEXT NOT NULL DEFAULT '',
  detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX activity_by_practice ON activity(practice_id, at, id);
-- the console's recent payments (practice_payments)
CREATE INDEX payments_by_practice ON payments(practice_id, created_at);
)sql";

// Version 7: invitations to the console (migrations.cpp says why).
constexpr const char* kSchemaV7 = R"sql(
CREATE TABLE practice_invitations (
  id          TEXT CONSTRAINT practice_invitations__id PRIMARY KEY,
  token_hash  TEXT NOT NULL CONSTRAINT practice_invitations__token_hash UNIQUE,
  practice_id TEXT NOT NULL REFERENCES practices(id),
  email       TEXT COLLATE "C" NOT NULL,
  name        TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('owner', 'staff')),
  invited_by  TEXT NOT NULL REFERENCES practice_users(id),
  created_at  BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL,
  used_at     BIGINT,
  revoked_at  BIGINT
);
CREATE INDEX practice_invitations_by_practice ON practice_invitations(practice_id, created_at);
)sql";

// Version 8: invoice drafts and the default partial-payment policy
// (migrations.cpp says why client_id has no foreign key).
constexpr const char* kSchemaV8 = R"sql(
ALTER TABLE practices ADD COLUMN default_partial_enabled BIGINT NOT NULL DEFAULT 0
  CHECK (default_partial_enabled IN (0, 1));
ALTER TABLE practices ADD COLUMN default_minimum_kind TEXT NOT NULL DEFAULT 'percent'
  CHECK (default_minimum_kind IN ('fixed', 'percent'));
ALTER TABLE practices ADD COLUMN default_minimum_value BIGINT NOT NULL DEFAULT 0
  CHECK (default_minimum_value >= 0);
CREATE TABLE invoice_drafts (
  id          TEXT CONSTRAINT invoice_drafts__id PRIMARY KEY,
  practice_id TEXT NOT NULL REFERENCES practices(id),
  client_id   TEXT NOT NULL DEFAULT '',
  request     TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL
);
CREATE INDEX invoice_drafts_by_practice ON invoice_drafts(practice_id, updated_at);
)sql";

// Version 9: the clients' preferred language (see migrations.cpp).
constexpr const char* kSchemaV9 = R"sql(
ALTER TABLE clients ADD COLUMN locale TEXT NOT NULL DEFAULT '';
)sql";

// Version 10: a practice's default email language (see migrations.cpp).
constexpr const char* kSchemaV10 = R"sql(
ALTER TABLE practices ADD COLUMN locale TEXT NOT NULL DEFAULT '';
)sql";

// Version 11: the language of a bank-debit mandate's text (see migrations.cpp).
constexpr const char* kSchemaV11 = R"sql(
ALTER TABLE mandates ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';
)sql";

// Summaries: the SQLite step's own text, so both databases describe a
// version the same way.
// Found by version: versions need not be consecutive while branches that
// each add a step are merged.
Migration step(int version, const char* sql) {
    for (const Migration& m : schema_migrations())
        if (m.version == version) return Migration{version, m.summary, sql};
    return Migration{version, "", sql};
}

}  // namespace

std::span<const Migration> postgres_schema_migrations() {
    static const Migration steps[] = {step(1, kSchemaV1), step(2, kSchemaV2), step(3, kSchemaV3),
                                      step(4, kSchemaV4), step(5, kSchemaV5), step(6, kSchemaV6),
                                      step(7, kSchemaV7), step(8, kSchemaV8), step(9, kSchemaV9),
                                      step(10, kSchemaV10), step(11, kSchemaV11)};
    return steps;
}

}  // namespace pws
