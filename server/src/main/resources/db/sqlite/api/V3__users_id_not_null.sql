-- SQLite lets a TEXT PRIMARY KEY of an ordinary table hold NULL; PostgreSQL never does. Rebuild users with a NOT
-- NULL id, so that both dialects hold the same rule (ApiSchemasInStepTest compares them). Rows are kept.
CREATE TABLE users_rebuilt (
    id            TEXT NOT NULL PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
INSERT INTO users_rebuilt (id, email, password_hash, role, created_at)
SELECT id, email, password_hash, role, created_at FROM users WHERE id IS NOT NULL;
DROP TABLE users;
ALTER TABLE users_rebuilt RENAME TO users;
