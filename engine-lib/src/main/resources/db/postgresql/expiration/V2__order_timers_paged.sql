-- Pending timers are read a page at a time, soonest first and ties by order id (GET /api/admin/expirations):
-- the due index carries the order id as well, so that a page is a range of it, not a sort of every pending timer.
DROP INDEX order_timers_due;
CREATE INDEX order_timers_due ON order_timers (expires_at, order_id) WHERE status = 'created' AND fired_at IS NULL;
