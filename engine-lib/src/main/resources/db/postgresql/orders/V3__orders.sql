-- The orders service owns orders, and keeps a versioned replica of tickets. In step with db/sqlite/orders V1-V3,
-- of which this is the result; rowid stands for SQLite's implicit one.
CREATE TABLE ticket_replica (
    id          TEXT   PRIMARY KEY,
    title       TEXT   NOT NULL,
    price_minor BIGINT NOT NULL,
    currency    TEXT   NOT NULL,
    user_id     TEXT   NOT NULL,
    version     BIGINT NOT NULL,
    rowid       BIGINT GENERATED ALWAYS AS IDENTITY
);

CREATE TABLE orders (
    id           TEXT   PRIMARY KEY,
    ticket_id    TEXT   NOT NULL,
    ticket_title TEXT   NOT NULL,
    price_minor  BIGINT NOT NULL,
    currency     TEXT   NOT NULL,
    user_id      TEXT   NOT NULL,
    status       TEXT   NOT NULL,
    version      BIGINT NOT NULL,
    expires_at   TEXT   NOT NULL,
    payment_id   TEXT,
    request_key  TEXT,
    rowid        BIGINT GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX orders_by_user ON orders (user_id, rowid);
-- At most one order holds a ticket: of concurrent orders for one ticket, from any process, one is inserted.
CREATE UNIQUE INDEX one_active_order_per_ticket ON orders (ticket_id) WHERE status <> 'cancelled';
CREATE UNIQUE INDEX orders_by_request_key ON orders (user_id, request_key) WHERE request_key IS NOT NULL;
