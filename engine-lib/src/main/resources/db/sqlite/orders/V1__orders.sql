-- The orders service owns orders, and keeps a versioned replica of tickets.
CREATE TABLE ticket_replica (
    id          TEXT PRIMARY KEY,
    title       TEXT    NOT NULL,
    price_minor INTEGER NOT NULL,
    currency    TEXT    NOT NULL,
    user_id     TEXT    NOT NULL,
    version     INTEGER NOT NULL
);

CREATE TABLE orders (
    id           TEXT PRIMARY KEY,
    ticket_id    TEXT    NOT NULL,
    ticket_title TEXT    NOT NULL,
    price_minor  INTEGER NOT NULL,
    currency     TEXT    NOT NULL,
    user_id      TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    expires_at   TEXT    NOT NULL
);
CREATE INDEX orders_by_user ON orders (user_id);
-- At most one order holds a ticket: two concurrent orders for one ticket cannot both be inserted.
CREATE UNIQUE INDEX one_active_order_per_ticket ON orders (ticket_id) WHERE status <> 'cancelled';
