-- The expiration service keeps a versioned replica of orders, as much as it needs: an order in status
-- 'created' is a pending timer; one that was cancelled or completed (or whose timer fired) is done.
CREATE TABLE order_timers (
    order_id   TEXT PRIMARY KEY,
    version    INTEGER NOT NULL,
    status     TEXT    NOT NULL,
    expires_at TEXT    NOT NULL,
    fired_at   TEXT,
    -- the chain of causes the order belongs to, carried on to expiration:complete
    correlation_id TEXT NOT NULL
);
CREATE INDEX order_timers_due ON order_timers (expires_at) WHERE status = 'created' AND fired_at IS NULL;
