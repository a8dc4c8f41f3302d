package io.callcenter.customers;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Owns customers in PostgreSQL and finds them by phone number. Every number is normalised to E.164 with
 * libphonenumber when it is written ({@link io.callcenter.customers.phone.PhoneNormaliser}), so an exact search is one
 * btree lookup; a partial search walks three tiers (exact number, suffix through a reversed-digits btree, anywhere
 * through a pg_trgm GIN index) and stops as soon as it has enough rows ({@link CustomerRepository#searchPartial}).
 * Bulk loads stream CSV through PostgreSQL {@code COPY} into a staging table in one transaction
 * ({@link io.callcenter.customers.importing.CustomerImporter}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CustomerServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(CustomerServiceApplication.class, args);
    }
}
