-- The embedded transport: a durable log, its consumer groups, and each group's unacknowledged deliveries.
CREATE TABLE messages (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id       TEXT    NOT NULL UNIQUE,
    subject        TEXT    NOT NULL,
    aggregate_id   TEXT    NOT NULL,
    version        INTEGER NOT NULL,
    occurred_at    TEXT    NOT NULL,
    correlation_id TEXT    NOT NULL,
    payload        TEXT    NOT NULL
);
CREATE INDEX messages_by_subject ON messages (subject, seq);

CREATE TABLE consumer_groups (
    name     TEXT PRIMARY KEY,
    subjects TEXT NOT NULL
);

CREATE TABLE pending (
    group_name TEXT    NOT NULL,
    seq        INTEGER NOT NULL,
    deliveries INTEGER NOT NULL,
    PRIMARY KEY (group_name, seq)
) WITHOUT ROWID;
