package io.callcenter.simulator;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Who calls: a mix of known customers (the demo data's numbers, written the different ways a telephony backend
 * reports them) and new callers with random Vietnamese mobile numbers.
 */
final class Callers {
    static final List<String> KNOWN_NUMBERS = List.of(
            "0912345678", "+84912345678", "84912345678", "091 234 5678",
            "0987654321", "0903123456", "0355 678 910", "84778123456", "024 3825 1234");
    private static final List<String> MOBILE_PREFIXES = List.of("090", "091", "093", "094", "096", "097", "098", "086");

    private final RandomGenerator random;
    private final double knownShare;

    Callers(RandomGenerator random, double knownShare) {
        this.random = random;
        this.knownShare = knownShare;
    }

    String next() {
        if (random.nextDouble() < knownShare) {
            return KNOWN_NUMBERS.get(random.nextInt(KNOWN_NUMBERS.size()));
        }
        String prefix = MOBILE_PREFIXES.get(random.nextInt(MOBILE_PREFIXES.size()));
        return prefix + String.format("%07d", random.nextInt(10_000_000));
    }
}
