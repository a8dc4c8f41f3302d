package io.callcenter.customers;

/**
 * A customer as the API shows it: the guide's {@code customerInfo} fields ({@code id, fullName, phoneNumber, email,
 * cif}), the number as it was entered, plus its normalised form {@code phoneE164}.
 */
public record Customer(long id, String fullName, String phoneNumber, String email, String cif, String phoneE164) {
}
