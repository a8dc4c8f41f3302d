package io.callcenter.customers;

/** The body of {@code POST /api/customers} and {@code PUT /api/customers/{id}}; checked by {@link CustomerRules}. */
public record CustomerRequest(String fullName, String phoneNumber, String email, String cif) {
}
