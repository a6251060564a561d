-- One table for the group commit tests, on every dialect.
CREATE TABLE seats (id TEXT NOT NULL PRIMARY KEY);
