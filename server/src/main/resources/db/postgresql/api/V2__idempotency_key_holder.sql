-- Which run of the server holds an in-progress key. A key held by an earlier run (one that crashed before it
-- answered) is taken over by the next request with that key instead of blocking it for good.
ALTER TABLE idempotency_keys ADD COLUMN holder TEXT;
