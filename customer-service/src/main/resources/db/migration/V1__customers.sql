-- Customers, found by phone number. pg_trgm ships with PostgreSQL's contrib and is a trusted extension (PG 13+),
-- so the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE customers (
    id             bigserial PRIMARY KEY,
    full_name      text NOT NULL,
    phone_number   text NOT NULL,                 -- as entered
    phone_e164     text COLLATE "C" NOT NULL,     -- +84912345678 (libphonenumber); shared numbers are allowed
    phone_digits   text NOT NULL,                 -- '0912345678 84912345678': national and international digits
    phone_reversed text COLLATE "C" NOT NULL,     -- '87654321948': suffix search as a prefix range
    email          text,
    cif            text NOT NULL,
    CONSTRAINT customers_cif_key UNIQUE (cif)
);

CREATE INDEX customers_phone_e164_idx ON customers (phone_e164);
CREATE INDEX customers_phone_reversed_idx ON customers (phone_reversed);
CREATE INDEX customers_phone_digits_trgm_idx ON customers USING gin (phone_digits gin_trgm_ops);
