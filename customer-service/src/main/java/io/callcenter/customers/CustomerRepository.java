package io.callcenter.customers;

import io.callcenter.customers.phone.PartialPhoneQuery;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/**
 * SQL for the {@code customers} table (schema in {@code db/migration}). Each search is one statement served by an
 * index; see the module README for the plans.
 */
@Repository
public class CustomerRepository {
    private static final String COLUMNS = "id, full_name, phone_number, email, cif, phone_e164";
    private static final RowMapper<Customer> CUSTOMER = (rs, n) -> new Customer(rs.getLong("id"),
            rs.getString("full_name"), rs.getString("phone_number"), rs.getString("email"), rs.getString("cif"),
            rs.getString("phone_e164"));

    /**
     * Three tiers, best first, each ordered and capped on its own: the exact number (btree on {@code phone_e164}),
     * numbers ending with the digits (btree range on {@code phone_reversed}), numbers containing them (pg_trgm GIN on
     * {@code phone_digits}). The outer LIMIT stops the Append as soon as it has enough rows, so the GIN tier, whose
     * matches must all be fetched to be sorted, only runs when the cheap tiers found fewer than the limit.
     */
    static final String PARTIAL_SEARCH = """
            (SELECT %1$s, 0 AS tier FROM customers
              WHERE phone_e164 = CAST(:e164 AS text)
              ORDER BY id LIMIT :limit)
            UNION ALL
            (SELECT %1$s, 1 AS tier FROM customers
              WHERE phone_reversed >= :reversed AND phone_reversed < :reversedEnd
                AND phone_e164 IS DISTINCT FROM CAST(:e164 AS text)
              ORDER BY length(phone_e164), phone_e164, id LIMIT :limit)
            UNION ALL
            (SELECT %1$s, 2 AS tier FROM customers
              WHERE phone_digits LIKE :contains
                AND NOT (phone_reversed >= :reversed AND phone_reversed < :reversedEnd)
                AND phone_e164 IS DISTINCT FROM CAST(:e164 AS text)
              ORDER BY length(phone_e164), phone_e164, id LIMIT :limit)
            LIMIT :limit
            """.formatted(COLUMNS);

    private final JdbcClient jdbc;

    public CustomerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Customer> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM customers WHERE id = :id").param("id", id)
                .query(CUSTOMER).optional();
    }

    public Optional<Customer> findByCif(String cif) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM customers WHERE cif = :cif").param("cif", cif)
                .query(CUSTOMER).optional();
    }

    /** Every customer with this E.164 number, oldest first. */
    public List<Customer> findByE164(String e164) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM customers WHERE phone_e164 = :e164 ORDER BY id")
                .param("e164", e164).query(CUSTOMER).list();
    }

    public List<Customer> searchPartial(PartialPhoneQuery query, int limit) {
        return bindPartial(jdbc.sql(PARTIAL_SEARCH), query, limit).query(CUSTOMER).list();
    }

    /** The plan PostgreSQL chooses for a partial search (EXPLAIN), for tests and the README. */
    public List<String> explainPartial(PartialPhoneQuery query, int limit) {
        return bindPartial(jdbc.sql("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + PARTIAL_SEARCH),
                query, limit).query((rs, n) -> rs.getString(1)).list();
    }

    private static JdbcClient.StatementSpec bindPartial(JdbcClient.StatementSpec sql, PartialPhoneQuery query,
                                                        int limit) {
        return sql.param("e164", query.e164())
                .param("reversed", query.reversedDigits())
                .param("reversedEnd", query.reversedDigitsUpperBound())
                .param("contains", "%" + query.digits() + "%")
                .param("limit", limit);
    }

    /** Inserts and returns the new id; a taken CIF fails with Spring's {@code DuplicateKeyException}. */
    public long insert(ValidCustomer c) {
        return jdbc.sql("""
                        INSERT INTO customers (full_name, phone_number, phone_e164, phone_digits, phone_reversed, email, cif)
                        VALUES (:fullName, :phoneNumber, :e164, :digits, :reversed, :email, :cif)
                        RETURNING id""")
                .params(fields(c)).query(Long.class).single();
    }

    /** Replaces every field; false when there is no such customer. */
    public boolean update(long id, ValidCustomer c) {
        var params = fields(c);
        params.put("id", id);
        return jdbc.sql("""
                        UPDATE customers SET full_name = :fullName, phone_number = :phoneNumber, phone_e164 = :e164,
                               phone_digits = :digits, phone_reversed = :reversed, email = :email, cif = :cif
                         WHERE id = :id""")
                .params(params).update() == 1;
    }

    private static java.util.Map<String, Object> fields(ValidCustomer c) {
        var params = new java.util.HashMap<String, Object>();
        params.put("fullName", c.fullName());
        params.put("phoneNumber", c.phoneNumber());
        params.put("e164", c.phone().e164());
        params.put("digits", c.phone().searchDigits());
        params.put("reversed", c.phone().reversedDigits());
        params.put("email", c.email());
        params.put("cif", c.cif());
        return params;
    }
}
