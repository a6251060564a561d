-- Shared by every service's store: the transactional outbox, the inbox of processed events (idempotency), dead
-- letters, and the record of gap repairs this service asked for. In step with db/sqlite/messaging V1-V4, of which
-- this is the result (SchemasInStepTest compares the two). A column named rowid stands for SQLite's implicit one,
-- by which the services list rows in insertion order.

-- Log positions: one sequence for every store of the database, so that positions stay engine-wide (a cause
-- before its effects, across services and processes). Created by whichever store is migrated first; the lock
-- keeps two processes migrating at once from both creating it.
SELECT pg_advisory_xact_lock(7012202601);
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'boxoffice_log') THEN
        CREATE SCHEMA boxoffice_log;
        CREATE SEQUENCE boxoffice_log.positions;
    END IF;
END $$;

-- txid: the writing transaction's id. Positions are taken at insert, not at commit, so a transaction that
-- commits late can leave a row below positions already published; the relay publishes in (txid, seq) order and
-- only below the oldest transaction still running, where no row can appear any more.
CREATE TABLE outbox (
    seq            BIGINT PRIMARY KEY,
    event_id       TEXT   NOT NULL,
    subject        TEXT   NOT NULL,
    aggregate_id   TEXT   NOT NULL,
    version        BIGINT NOT NULL,
    occurred_at    TEXT   NOT NULL,
    correlation_id TEXT   NOT NULL,
    payload        TEXT   NOT NULL,
    txid           BIGINT NOT NULL DEFAULT (pg_current_xact_id()::text::bigint)
);
CREATE INDEX outbox_in_commit_order ON outbox (txid, seq);

CREATE TABLE outbox_relay (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    published_through BIGINT  NOT NULL,
    published_txid    BIGINT  NOT NULL
);
INSERT INTO outbox_relay (id, published_through, published_txid)
VALUES (1, -9223372036854775808, -9223372036854775808);

CREATE TABLE processed_events (
    event_id       TEXT PRIMARY KEY,
    consumer_group TEXT NOT NULL,
    processed_at   TEXT NOT NULL
);

CREATE TABLE dead_letters (
    id             TEXT   PRIMARY KEY,
    consumer_group TEXT   NOT NULL,
    event_id       TEXT   NOT NULL,
    subject        TEXT   NOT NULL,
    aggregate_id   TEXT   NOT NULL,
    version        BIGINT NOT NULL,
    occurred_at    TEXT   NOT NULL,
    correlation_id TEXT   NOT NULL,
    payload        TEXT   NOT NULL,
    deliveries     BIGINT NOT NULL,
    reason         TEXT   NOT NULL,
    dead_at        TEXT   NOT NULL,
    rowid          BIGINT GENERATED ALWAYS AS IDENTITY,
    UNIQUE (consumer_group, event_id)
);

CREATE TABLE gap_repairs (
    entity         TEXT   NOT NULL,
    aggregate_id   TEXT   NOT NULL,
    known_version  BIGINT NOT NULL,
    attempt        BIGINT NOT NULL,
    refused_event  TEXT   NOT NULL,
    requested_at   TEXT   NOT NULL,
    PRIMARY KEY (entity, aggregate_id, known_version, attempt)
);
