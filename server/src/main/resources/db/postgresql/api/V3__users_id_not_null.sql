-- In step with db/sqlite/api V3, which rebuilds users with a NOT NULL id: here the primary key already is.
ALTER TABLE users ALTER COLUMN id SET NOT NULL;
