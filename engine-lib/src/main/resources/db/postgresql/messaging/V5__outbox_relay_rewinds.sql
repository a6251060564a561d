-- In step with db/sqlite/messaging. A republish asked of any node moves the stored cursor back and counts itself
-- here, so that the relay publishing on another node (the holder of the outbox's lease) sees it: its cursor write
-- carries the count it knows, and fails once the count moved.
ALTER TABLE outbox_relay ADD COLUMN rewinds BIGINT NOT NULL DEFAULT 0;
