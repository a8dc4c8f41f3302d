package io.callcenter.customers;

import io.callcenter.customers.phone.PhoneNormaliser;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique data for tests that share one database: random Vietnamese mobile numbers and CIFs no other test uses.
 */
final class TestNumbers {
    /** Vietnamese mobile prefixes (national format) that libphonenumber accepts as valid. */
    static final List<String> MOBILE_PREFIXES = List.of("090", "091", "093", "094", "096", "097", "098", "032",
            "033", "034", "035", "036", "037", "038", "039", "070", "076", "077", "078", "079", "081", "082", "083",
            "084", "085", "086", "088");
    private static final PhoneNormaliser PHONES = new PhoneNormaliser("VN");
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();

    private TestNumbers() {
    }

    /** A random valid mobile number in national format, {@code 09xxxxxxxx}. */
    static String mobile() {
        return mobileWith(MOBILE_PREFIXES.get(ThreadLocalRandom.current().nextInt(MOBILE_PREFIXES.size())),
                randomDigits(7));
    }

    static String mobileWith(String prefix, String subscriber) {
        String number = prefix + subscriber;
        if (PHONES.normalise(number).isEmpty()) {
            throw new IllegalStateException("test number is not valid: " + number);
        }
        return number;
    }

    static String randomDigits(int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        return digits.toString();
    }

    /** A CIF unique to this test run and call. */
    static String cif() {
        return "T" + RUN + "-" + SEQUENCE.incrementAndGet() + "-" + randomDigits(4);
    }
}
