-- A settlement in progress: until when the process telling the card processor holds the payment. Another process
-- (sharing the store on PostgreSQL) leaves it alone until then, and takes it over once a holder that died lets it
-- run out. In step with db/postgresql/payments V2.
ALTER TABLE payments ADD COLUMN settling_until TEXT;
