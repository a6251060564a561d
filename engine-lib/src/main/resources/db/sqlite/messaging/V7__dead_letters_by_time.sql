-- In step with db/postgresql/messaging. The operator pages through the dead letters oldest first (by when each was
-- set aside, then by arrival): an index by time keeps each page a short range scan (SQLite's indexes end with the
-- rowid).
CREATE INDEX dead_letters_by_time ON dead_letters (dead_at);
