-- In step with db/postgresql/cluster. The engines (nodes) sharing the stores: who they are, what their consumer
-- instances did, and which node holds each duty that one node does at a time. Times are milliseconds of the
-- database's own clock, so that nodes whose clocks disagree still agree on when a lease runs out.

-- A duty (an outbox relay, the expiry timers, payment settlement) and its holder until expires_at_ms. token grows by
-- one each time the duty changes hands.
CREATE TABLE leases (
    name           TEXT    PRIMARY KEY NOT NULL,
    holder         TEXT    NOT NULL,
    node_id        TEXT    NOT NULL,
    token          INTEGER NOT NULL,
    acquired_at_ms INTEGER NOT NULL,
    renewed_at_ms  INTEGER NOT NULL,
    expires_at_ms  INTEGER NOT NULL
);

-- Each node, with the run (process) that holds its id, when it last reported and whether it stopped.
CREATE TABLE nodes (
    node_id       TEXT    PRIMARY KEY NOT NULL,
    run_id        TEXT    NOT NULL,
    started_at_ms INTEGER NOT NULL,
    last_seen_ms  INTEGER NOT NULL,
    stopped_at_ms INTEGER
);

-- The counters of each node's consumer instances, as last reported.
CREATE TABLE replica_reports (
    node_id             TEXT    NOT NULL,
    instance_id         TEXT    NOT NULL,
    consumer_group      TEXT    NOT NULL,
    delivered           INTEGER NOT NULL,
    applied             INTEGER NOT NULL,
    duplicates          INTEGER NOT NULL,
    out_of_order        INTEGER NOT NULL,
    redelivered         INTEGER NOT NULL,
    dead_lettered       INTEGER NOT NULL,
    gap_repairs         INTEGER NOT NULL,
    PRIMARY KEY (node_id, instance_id)
);
