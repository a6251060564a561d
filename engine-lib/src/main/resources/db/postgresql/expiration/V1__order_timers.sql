-- The expiration service keeps a versioned replica of orders, as much as it needs: an order in status 'created'
-- is a pending timer; one that was cancelled or completed (or whose timer fired) is done. In step with
-- db/sqlite/expiration.
CREATE TABLE order_timers (
    order_id       TEXT   PRIMARY KEY,
    version        BIGINT NOT NULL,
    status         TEXT   NOT NULL,
    expires_at     TEXT   NOT NULL,
    fired_at       TEXT,
    correlation_id TEXT   NOT NULL
);
CREATE INDEX order_timers_due ON order_timers (expires_at) WHERE status = 'created' AND fired_at IS NULL;
