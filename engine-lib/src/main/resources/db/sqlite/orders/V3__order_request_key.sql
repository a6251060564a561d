-- The key of the request that placed an order (e.g. an HTTP Idempotency-Key), so that the same request repeated
-- after a crash finds its order instead of being refused because that order holds the ticket. Unique per buyer.
ALTER TABLE orders ADD COLUMN request_key TEXT;
CREATE UNIQUE INDEX orders_by_request_key ON orders (user_id, request_key) WHERE request_key IS NOT NULL;
