-- In step with db/sqlite/cluster. The engines (nodes) sharing the stores: who they are, what their consumer
-- instances did, and which node holds each duty that one node does at a time. Times are milliseconds of the
-- database's own clock, so that nodes whose clocks disagree still agree on when a lease runs out.

-- A duty (an outbox relay, the expiry timers, payment settlement) and its holder until expires_at_ms. token grows by
-- one each time the duty changes hands.
CREATE TABLE leases (
    name           TEXT    PRIMARY KEY NOT NULL,
    holder         TEXT    NOT NULL,
    node_id        TEXT    NOT NULL,
    token          BIGINT  NOT NULL,
    acquired_at_ms BIGINT  NOT NULL,
    renewed_at_ms  BIGINT  NOT NULL,
    expires_at_ms  BIGINT  NOT NULL
);

-- Each node, with the run (process) that holds its id, when it last reported and whether it stopped.
CREATE TABLE nodes (
    node_id       TEXT    PRIMARY KEY NOT NULL,
    run_id        TEXT    NOT NULL,
    started_at_ms BIGINT  NOT NULL,
    last_seen_ms  BIGINT  NOT NULL,
    stopped_at_ms BIGINT 
);

-- The counters of each node's consumer instances, as last reported.
CREATE TABLE replica_reports (
    node_id             TEXT    NOT NULL,
    instance_id         TEXT    NOT NULL,
    consumer_group      TEXT    NOT NULL,
    delivered           BIGINT  NOT NULL,
    applied             BIGINT  NOT NULL,
    duplicates          BIGINT  NOT NULL,
    out_of_order        BIGINT  NOT NULL,
    redelivered         BIGINT  NOT NULL,
    dead_lettered       BIGINT  NOT NULL,
    gap_repairs         BIGINT  NOT NULL,
    PRIMARY KEY (node_id, instance_id)
);
