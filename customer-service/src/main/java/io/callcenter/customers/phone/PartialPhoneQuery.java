package io.callcenter.customers.phone;

import java.util.regex.Pattern;

/**
 * What a partial search looks for: the digits of the query, and its E.164 form when the query is a whole valid
 * number (such a customer ranks first).
 *
 * @param digits the query's digits, at least the configured minimum
 * @param e164   the query as a complete number, or null
 */
public record PartialPhoneQuery(String digits, String e164) {
    private static final Pattern WRITTEN_DIGITS = Pattern.compile("\\+?[0-9 ()./-]+");

    /** Reads a partial query, or explains in {@code problem} why it cannot be one. */
    public static PartialPhoneQuery parse(String written, int minDigits, PhoneNormaliser normaliser) {
        String trimmed = written.strip();
        if (!WRITTEN_DIGITS.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("may contain only digits, spaces and + ( ) . / -");
        }
        String digits = PhoneNormaliser.digitsOf(trimmed);
        if (digits.length() < minDigits) {
            throw new IllegalArgumentException("needs at least " + minDigits + " digits for a partial search");
        }
        if (digits.length() > 20) {
            throw new IllegalArgumentException("has more than 20 digits");
        }
        return new PartialPhoneQuery(digits, normaliser.e164OrNull(trimmed));
    }

    /** The query's digits reversed: suffix matches are the reversed numbers that start with this. */
    public String reversedDigits() {
        return new StringBuilder(digits).reverse().toString();
    }

    /** The first string after every string that starts with {@link #reversedDigits()} (digits sort before ':'). */
    public String reversedDigitsUpperBound() {
        String reversed = reversedDigits();
        char last = reversed.charAt(reversed.length() - 1);
        return reversed.substring(0, reversed.length() - 1) + (char) (last + 1);
    }
}
