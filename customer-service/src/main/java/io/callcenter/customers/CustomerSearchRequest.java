package io.callcenter.customers;

/** The guide's {@code POST /api/customers/search} body; {@code exactMatch} defaults to true. */
public record CustomerSearchRequest(String phoneNumber, Boolean exactMatch) {
    public boolean exact() {
        return exactMatch == null || exactMatch;
    }
}
