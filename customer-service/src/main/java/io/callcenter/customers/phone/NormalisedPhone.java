package io.callcenter.customers.phone;

/**
 * A valid phone number in the three forms the {@code customers} table stores.
 *
 * @param e164           {@code +84912345678}: what an exact search compares
 * @param searchDigits   national and international digits, {@code 0912345678 84912345678}: what a partial search
 *                       looks inside (the space keeps a query from matching across the two)
 * @param reversedDigits international digits reversed, {@code 87654321948}: a suffix search becomes a btree prefix
 *                       range
 */
public record NormalisedPhone(String e164, String searchDigits, String reversedDigits) {
}
