-- The tickets service owns tickets, and keeps a versioned replica of orders (only what it needs to know which
-- order holds which ticket). In step with db/sqlite/tickets; rowid stands for SQLite's implicit one.
CREATE TABLE tickets (
    id          TEXT   PRIMARY KEY,
    title       TEXT   NOT NULL,
    price_minor BIGINT NOT NULL CHECK (price_minor > 0),
    currency    TEXT   NOT NULL,
    user_id     TEXT   NOT NULL,
    version     BIGINT NOT NULL,
    order_id    TEXT,
    rowid       BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
);

CREATE TABLE order_replica (
    id        TEXT   PRIMARY KEY,
    ticket_id TEXT   NOT NULL,
    status    TEXT   NOT NULL,
    version   BIGINT NOT NULL,
    rowid     BIGINT GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX order_replica_by_ticket ON order_replica (ticket_id);
