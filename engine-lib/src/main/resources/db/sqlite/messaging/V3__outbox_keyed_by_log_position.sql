-- The outbox keyed by the engine-wide log position, which was a column of its own with its own index. Gone with
-- the rebuild: AUTOINCREMENT (a sqlite_sequence write per event), the unique index on random event ids (a random
-- page per event; the transport drops duplicates by event id), and the published_at of every row with its partial
-- index: the relay's progress is one cursor, every row at or below it is published.
-- Events from before log positions existed (log_seq 0) keep their order, below every positioned event.
CREATE TABLE outbox_by_position (
    seq            INTEGER PRIMARY KEY,
    event_id       TEXT    NOT NULL,
    subject        TEXT    NOT NULL,
    aggregate_id   TEXT    NOT NULL,
    version        INTEGER NOT NULL,
    occurred_at    TEXT    NOT NULL,
    correlation_id TEXT    NOT NULL,
    payload        TEXT    NOT NULL
);

CREATE TEMP TABLE outbox_positions AS
SELECT seq AS old_seq,
       CASE WHEN log_seq > 0 THEN log_seq ELSE seq - (SELECT coalesce(max(seq), 0) FROM outbox) - 1 END AS position,
       published_at IS NOT NULL AS published
FROM outbox;

INSERT INTO outbox_by_position (seq, event_id, subject, aggregate_id, version, occurred_at, correlation_id, payload)
SELECT p.position, o.event_id, o.subject, o.aggregate_id, o.version, o.occurred_at, o.correlation_id, o.payload
FROM outbox o JOIN outbox_positions p ON p.old_seq = o.seq;

CREATE TABLE outbox_relay (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    published_through INTEGER NOT NULL
);
INSERT INTO outbox_relay (id, published_through)
SELECT 1, coalesce((SELECT max(position) FROM outbox_positions WHERE published), -9223372036854775808);

DROP TABLE outbox_positions;
DROP TABLE outbox;
ALTER TABLE outbox_by_position RENAME TO outbox;
