package io.callcenter.gateway.socket;

/**
 * A token bucket per socket: {@code perSecond} commands and joins in a burst, refilled at {@code perSecond} a second,
 * so a CRM clicking fast is served and a runaway loop is cut off. 0 means unlimited (GatewayProperties refuses
 * negative values at start).
 */
public final class CommandRateLimiter {
    private final int perSecond;
    private double tokens;
    private long lastRefillNanos;

    public CommandRateLimiter(int perSecond) {
        this.perSecond = perSecond;
        this.tokens = perSecond;
        this.lastRefillNanos = System.nanoTime();
    }

    public synchronized boolean tryAcquire() {
        if (perSecond <= 0) {
            return true; // 0: unlimited
        }
        long now = System.nanoTime();
        tokens = Math.min(perSecond, tokens + (now - lastRefillNanos) / 1e9 * perSecond);
        lastRefillNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
