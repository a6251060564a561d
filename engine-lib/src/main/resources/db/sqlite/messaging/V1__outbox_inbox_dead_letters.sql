-- Shared by every service database: the transactional outbox, the inbox of processed events (idempotency),
-- dead letters, and the record of gap repairs this service asked for.
CREATE TABLE outbox (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id       TEXT    NOT NULL UNIQUE,
    subject        TEXT    NOT NULL,
    aggregate_id   TEXT    NOT NULL,
    version        INTEGER NOT NULL,
    occurred_at    TEXT    NOT NULL,
    correlation_id TEXT    NOT NULL,
    payload        TEXT    NOT NULL,
    published_at   TEXT
);
CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL;

CREATE TABLE processed_events (
    event_id       TEXT PRIMARY KEY,
    consumer_group TEXT NOT NULL,
    processed_at   TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE dead_letters (
    id             TEXT PRIMARY KEY,
    consumer_group TEXT    NOT NULL,
    event_id       TEXT    NOT NULL,
    subject        TEXT    NOT NULL,
    aggregate_id   TEXT    NOT NULL,
    version        INTEGER NOT NULL,
    occurred_at    TEXT    NOT NULL,
    correlation_id TEXT    NOT NULL,
    payload        TEXT    NOT NULL,
    deliveries     INTEGER NOT NULL,
    reason         TEXT    NOT NULL,
    dead_at        TEXT    NOT NULL,
    UNIQUE (consumer_group, event_id)
);

CREATE TABLE gap_repairs (
    entity         TEXT    NOT NULL,
    aggregate_id   TEXT    NOT NULL,
    known_version  INTEGER NOT NULL,
    attempt        INTEGER NOT NULL,
    refused_event  TEXT    NOT NULL,
    requested_at   TEXT    NOT NULL,
    PRIMARY KEY (entity, aggregate_id, known_version, attempt)
) WITHOUT ROWID;
