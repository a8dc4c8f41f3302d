package io.callcenter.customers;

import io.callcenter.customers.phone.NormalisedPhone;

/** Customer fields that passed {@link CustomerRules}: trimmed, email null when absent, number normalised. */
public record ValidCustomer(String fullName, String phoneNumber, NormalisedPhone phone, String email, String cif) {
}
