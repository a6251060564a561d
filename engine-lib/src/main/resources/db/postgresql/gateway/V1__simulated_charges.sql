-- The simulated card processor's own records (it stands for an external system; no service reads this). In step
-- with db/sqlite/gateway.
CREATE TABLE charges (
    charge_id       TEXT   PRIMARY KEY,
    idempotency_key TEXT   NOT NULL UNIQUE,
    amount_minor    BIGINT NOT NULL,
    currency        TEXT   NOT NULL,
    card_token      TEXT   NOT NULL,
    order_id        TEXT   NOT NULL,
    state           TEXT   NOT NULL
);
