-- "Contains" search through a btree instead of the trigram GIN. On a 10-symbol alphabet every digit trigram is common,
-- so a 5-digit query from the middle of a number made the GIN intersect long posting lists and re-check every
-- candidate row before it could rank them. Instead every suffix (of at least 4 digits, the shortest query) of the national and international
-- digits is a row: the numbers containing q are those with a suffix that starts with q, a range scan of the primary
-- key that reads only the matches. Statement-level triggers keep the table in step with customers (one set-based
-- statement per INSERT/UPDATE/DELETE, also for the bulk import's merges).
CREATE TABLE customer_phone_suffixes (
    suffix      text COLLATE "C" NOT NULL,
    customer_id bigint NOT NULL,
    PRIMARY KEY (suffix, customer_id)
);

-- '0912345678 84912345678' -> 0912345678, 912345678, ..., 5678, 84912345678, 4912345678 (duplicates removed)
CREATE FUNCTION phone_suffixes(phone_digits text) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT DISTINCT substr(token, p)
      FROM unnest(string_to_array(phone_digits, ' ')) AS token,
           generate_series(1, length(token) - 3) AS p
$$;

CREATE FUNCTION customer_phone_suffixes_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO customer_phone_suffixes (suffix, customer_id)
    SELECT s, n.id FROM added n, phone_suffixes(n.phone_digits) AS s;
    RETURN NULL;
END $$;

CREATE FUNCTION customer_phone_suffixes_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM customer_phone_suffixes x
     USING (SELECT o.id, s FROM old_rows o JOIN new_rows n ON n.id = o.id, phone_suffixes(o.phone_digits) AS s
             WHERE n.phone_digits IS DISTINCT FROM o.phone_digits) gone
     WHERE x.suffix = gone.s AND x.customer_id = gone.id;
    INSERT INTO customer_phone_suffixes (suffix, customer_id)
    SELECT s, n.id FROM old_rows o JOIN new_rows n ON n.id = o.id, phone_suffixes(n.phone_digits) AS s
     WHERE n.phone_digits IS DISTINCT FROM o.phone_digits;
    RETURN NULL;
END $$;

CREATE FUNCTION customer_phone_suffixes_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM customer_phone_suffixes x
     USING (SELECT o.id, s FROM removed o, phone_suffixes(o.phone_digits) AS s) gone
     WHERE x.suffix = gone.s AND x.customer_id = gone.id;
    RETURN NULL;
END $$;

CREATE FUNCTION customer_phone_suffixes_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE customer_phone_suffixes;
    RETURN NULL;
END $$;

CREATE TRIGGER customers_phone_suffixes_added AFTER INSERT ON customers
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION customer_phone_suffixes_added();
CREATE TRIGGER customers_phone_suffixes_changed AFTER UPDATE ON customers
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION customer_phone_suffixes_changed();
CREATE TRIGGER customers_phone_suffixes_removed AFTER DELETE ON customers
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION customer_phone_suffixes_removed();

INSERT INTO customer_phone_suffixes (suffix, customer_id)
SELECT s, c.id FROM customers c, phone_suffixes(c.phone_digits) AS s;

DROP INDEX customers_phone_digits_trgm_idx;
