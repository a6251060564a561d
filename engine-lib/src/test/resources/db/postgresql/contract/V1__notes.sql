-- A store for the storage contract: notes with a stored time.
CREATE TABLE notes (
    id         TEXT PRIMARY KEY,
    body       TEXT NOT NULL,
    written_at TEXT NOT NULL
);
