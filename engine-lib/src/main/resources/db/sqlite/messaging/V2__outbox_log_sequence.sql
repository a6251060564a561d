-- An engine-wide position for each event, taken when it is appended: a cause is always appended before its
-- effects, so ordering by it lists events causally across services even when the clock stands still.
ALTER TABLE outbox ADD COLUMN log_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_by_log_seq ON outbox (log_seq);
