-- Cheaper upkeep of customer_phone_suffixes (V2), measured on the bulk import:
-- 1. Only suffixes of 5 digits and more. A 4-digit suffix is the number's ending, which the ending tier finds and
--    the contains tier excludes; a contains match of a query of 4+ digits that is not an ending always leaves a
--    longer suffix (callcenter.customers.partial-search-min-digits is at least 4). 8 rows per Vietnamese mobile, not 9.
-- 2. phone_suffixes is no longer STRICT: PostgreSQL inlines only non-strict SQL set-returning functions, and calling
--    it once per row through the SQL-function executor dominated the import's merges.
-- 3. New rows are inserted in key order, so a batch of the import walks the primary key's pages in order instead of
--    touching them at random.
CREATE OR REPLACE FUNCTION phone_suffixes(phone_digits text) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE AS $$
    SELECT DISTINCT substr(token, p)
      FROM unnest(string_to_array(phone_digits, ' ')) AS token,
           generate_series(1, length(token) - 4) AS p
$$;

CREATE OR REPLACE FUNCTION customer_phone_suffixes_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO customer_phone_suffixes (suffix, customer_id)
    SELECT s, n.id FROM added n, phone_suffixes(n.phone_digits) AS s
     ORDER BY 1, 2;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION customer_phone_suffixes_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM customer_phone_suffixes x
     USING (SELECT o.id, s FROM old_rows o JOIN new_rows n ON n.id = o.id, phone_suffixes(o.phone_digits) AS s
             WHERE n.phone_digits IS DISTINCT FROM o.phone_digits) gone
     WHERE x.suffix = gone.s AND x.customer_id = gone.id;
    INSERT INTO customer_phone_suffixes (suffix, customer_id)
    SELECT s, n.id FROM old_rows o JOIN new_rows n ON n.id = o.id, phone_suffixes(n.phone_digits) AS s
     WHERE n.phone_digits IS DISTINCT FROM o.phone_digits
     ORDER BY 1, 2;
    RETURN NULL;
END $$;

DELETE FROM customer_phone_suffixes WHERE length(suffix) < 5;
