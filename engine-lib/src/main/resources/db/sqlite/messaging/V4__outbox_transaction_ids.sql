-- In step with db/postgresql/messaging, where several transactions append to an outbox at once and a position is
-- taken at insert, not at commit: each row records its transaction's id and the relay's cursor is (transaction id,
-- position). Here a file has one writer and rows commit in position order, so every transaction id is 0.
ALTER TABLE outbox ADD COLUMN txid INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox_relay ADD COLUMN published_txid INTEGER NOT NULL DEFAULT 0;
