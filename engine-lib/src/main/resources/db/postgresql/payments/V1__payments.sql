-- The payments service owns payments and keeps a versioned replica of orders. In step with db/sqlite/payments;
-- rowid stands for SQLite's implicit one.
CREATE TABLE order_replica (
    id          TEXT   PRIMARY KEY,
    user_id     TEXT   NOT NULL,
    price_minor BIGINT NOT NULL,
    currency    TEXT   NOT NULL,
    status      TEXT   NOT NULL,
    version     BIGINT NOT NULL,
    expires_at  TEXT   NOT NULL
);

CREATE TABLE payments (
    id              TEXT   PRIMARY KEY,
    order_id        TEXT   NOT NULL,
    user_id         TEXT   NOT NULL,
    price_minor     BIGINT NOT NULL,
    currency        TEXT   NOT NULL,
    card_token      TEXT   NOT NULL,
    idempotency_key TEXT   UNIQUE,
    charge_id       TEXT,
    status          TEXT   NOT NULL,
    -- 'capture' or 'release' while the gateway still has to be told; NULL once it has been
    settlement      TEXT,
    created_at      TEXT   NOT NULL,
    rowid           BIGINT GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX payments_by_order ON payments (order_id);
-- At most one payment per order that is not voided: of concurrent payments, from any process, one proceeds.
CREATE UNIQUE INDEX one_live_payment_per_order ON payments (order_id) WHERE status <> 'voided';
CREATE INDEX payments_to_settle ON payments (created_at) WHERE settlement IS NOT NULL OR status = 'authorizing';
