-- The payment that completed an order.
ALTER TABLE orders ADD COLUMN payment_id TEXT;
