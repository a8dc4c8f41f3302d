package io.callcenter.customers.importing;

/**
 * One rejected field of one CSV row.
 *
 * @param line    the row's line in the file, the header being line 1
 * @param field   the column at fault ({@code row} when the row itself is malformed)
 * @param message what is wrong, naming the field
 */
public record ImportError(long line, String field, String message) {
}
