-- In step with db/sqlite/messaging. The inbox's records are pruned once older than the processed-event retention
-- (the relay's housekeeping, oldest first): an index by time keeps that a short range scan.
CREATE INDEX processed_events_by_time ON processed_events (processed_at);
