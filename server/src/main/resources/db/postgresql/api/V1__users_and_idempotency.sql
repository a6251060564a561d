-- The HTTP layer's own store: accounts, and the responses kept for Idempotency-Key replays.
-- In step with db/sqlite/api (ApiSchemasInStepTest compares the two).
CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

CREATE TABLE idempotency_keys (
    user_id       TEXT NOT NULL,
    idem_key      TEXT NOT NULL,
    request_hash  TEXT NOT NULL,
    status        INTEGER,
    response_body TEXT,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);
