package io.callcenter.customers;

import io.callcenter.customers.phone.PartialPhoneQuery;
import io.callcenter.customers.phone.PhoneNormaliser;
import io.callcenter.testing.Infrastructure;
import io.callcenter.testing.RealInfrastructure;
import io.callcenter.testing.RealInfrastructureExtension;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shows that partial searches are served by indexes on a table large enough for the planner to prefer them (its own
 * database, so the other tests' rows stay few): the plans are printed to the test output and quoted in the README.
 */
@RealInfrastructure
class PartialSearchPlanTest {
    private static final String DATABASE = "customers_plan";
    private static final int ROWS = 200_000;
    private static final PhoneNormaliser PHONES = new PhoneNormaliser("VN");
    private static SingleConnectionDataSource dataSource;
    private static CustomerRepository repository;

    @BeforeAll
    static void loadManyCustomers() throws Exception {
        Infrastructure infra = RealInfrastructureExtension.infrastructure();
        infra.createDatabase(DATABASE);
        dataSource = new SingleConnectionDataSource(infra.jdbcUrl(DATABASE), infra.databaseUser(),
                infra.databasePassword(), true);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        if (jdbc.sql("SELECT count(*) FROM customers").query(Long.class).single() < ROWS) {
            jdbc.sql("""
                    INSERT INTO customers (full_name, phone_number, phone_e164, phone_digits, phone_reversed, cif)
                    SELECT 'Khách ' || g, n, '+84' || substr(n, 2), n || ' 84' || substr(n, 2),
                           reverse('84' || substr(n, 2)), 'PLAN-' || g
                      FROM (SELECT g, '09' || lpad((floor(random() * 100000000))::bigint::text, 8, '0') AS n
                              FROM generate_series(1, :rows) g) numbers""").param("rows", ROWS).update();
            jdbc.sql("ANALYZE customers").update();
        }
        repository = new CustomerRepository(jdbc);
    }

    @Test
    void aShortPartialSearchIsAnsweredFromTheReversedDigitsIndexAndNeverRunsTheContainsTier() {
        String commonEnding = JdbcClient.create(dataSource).sql("""
                SELECT right(phone_number, 4) FROM customers GROUP BY 1 ORDER BY count(*) DESC LIMIT 1""")
                .query(String.class).single(); // ends at least 20 numbers, so the suffix tier fills the page
        List<String> plan = repository.explainPartial(PartialPhoneQuery.parse(commonEnding, 4, PHONES), 20);
        print("partial search '" + commonEnding + "'", plan);

        String text = String.join("\n", plan);
        assertThat(text).contains("customers_phone_reversed_idx").doesNotContain("Seq Scan");
        assertThat(text).containsPattern("Bitmap Index Scan on customers_phone_digits_trgm_idx[^\\n]*never executed");
    }

    @Test
    void aLongPartialSearchUsesTheTrigramIndexForNumbersContainingTheDigits() {
        String middle = JdbcClient.create(dataSource).sql("SELECT substr(phone_number, 3, 7) FROM customers LIMIT 1")
                .query(String.class).single();
        List<String> plan = repository.explainPartial(PartialPhoneQuery.parse(middle, 4, PHONES), 20);
        print("partial search '" + middle + "'", plan);

        String text = String.join("\n", plan);
        assertThat(text).contains("Bitmap Index Scan on customers_phone_digits_trgm_idx")
                .contains("customers_phone_reversed_idx").doesNotContain("Seq Scan");
        assertThat(text).doesNotContainPattern("Bitmap Index Scan on customers_phone_digits_trgm_idx[^\\n]*never");
    }

    @Test
    void aCompleteNumberIsLookedUpThroughTheE164Index() {
        String number = JdbcClient.create(dataSource).sql("SELECT phone_number FROM customers LIMIT 1")
                .query(String.class).single();
        List<String> plan = repository.explainPartial(PartialPhoneQuery.parse(number, 4, PHONES), 20);
        print("partial search for a whole number '" + number + "'", plan);

        assertThat(String.join("\n", plan)).contains("customers_phone_e164_idx").doesNotContain("Seq Scan");
    }

    @Test
    void theGenericPlanOfThePreparedStatementUsesTheIndexesToo() throws Exception {
        String positional = CustomerRepository.PARTIAL_SEARCH.replace(":e164", "$1")
                .replace(":reversedEnd", "$3").replace(":reversed", "$2").replace(":contains", "$4")
                .replace(":limit", "$5");
        List<String> plan = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET plan_cache_mode = force_generic_plan");
            s.execute("PREPARE generic_partial(text, text, text, text, int) AS " + positional);
            try (ResultSet rs = s.executeQuery("EXPLAIN EXECUTE generic_partial(NULL, '8765', '8766', '%5678%', 20)")) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            } finally {
                s.execute("DEALLOCATE generic_partial");
                s.execute("RESET plan_cache_mode");
            }
        }
        print("generic plan", plan);

        String text = String.join("\n", plan);
        assertThat(text).contains("customers_phone_reversed_idx", "customers_phone_digits_trgm_idx",
                "customers_phone_e164_idx").doesNotContain("Seq Scan");
    }

    private static void print(String title, List<String> plan) {
        System.out.println("EXPLAIN " + title + " on " + ROWS + " customers:\n  " + String.join("\n  ", plan));
    }
}
