package io.callcenter.model.crm;

/** The guide's {@code customerInfo}: the caller's customer record, or {@code null} for a new caller. */
public record CustomerInfo(long id, String fullName, String phoneNumber, String email, String cif) {
}
