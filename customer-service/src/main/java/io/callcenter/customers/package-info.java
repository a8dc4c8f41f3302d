/**
 * customer-service: customers in PostgreSQL, found by phone number. {@code CustomerController} → {@code
 * CustomerService}; {@code phone} normalises numbers (libphonenumber, default region) so that an exact search matches
 * however the number was written; {@code importing} loads customers from CSV through the same rules
 * ({@code CustomerRules}). call-ingest and the gateway call it over HTTP; it publishes nothing to Kafka.
 */
package io.callcenter.customers;
