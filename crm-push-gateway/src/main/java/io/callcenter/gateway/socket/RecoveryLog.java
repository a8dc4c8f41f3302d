package io.callcenter.gateway.socket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The broadcasts this gateway sent recently, each with its offset, for Socket.IO connection-state recovery: a client
 * that reconnects with the offset of the last event it got is sent exactly the ones after it.
 * <p>
 * The offset is {@code <epoch>-<sequence>}: the epoch is random per gateway process, the sequence counts this
 * process's broadcasts. Kafka offsets would not do on their own: a broadcast is one of several partitions' records,
 * and a client may reconnect to another gateway instance; so the offset names this process, and a client back on
 * another instance (or on this one after a restart) is not recovered and resyncs through its join instead. Kept at
 * most {@code maxEvents} events and {@code maxAge} (the longest disconnection that can be recovered): an offset older
 * than what is kept cannot be recovered either.
 */
public final class RecoveryLog {
    /** One broadcast as sent: the event name and its JSON payload. */
    public record Entry(long sequence, String offset, String name, String json, Instant sentAt) {
    }

    private final String epoch = UUID.randomUUID().toString().substring(0, 8);
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final boolean enabled;
    private final int maxEvents;
    private final Duration maxAge;
    private final Clock clock;
    private long nextSequence = 1;

    public RecoveryLog(boolean enabled, int maxEvents, Duration maxAge, Clock clock) {
        this.enabled = enabled;
        this.maxEvents = maxEvents;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** False when {@code state-recovery.enabled} is off: nothing is recorded, no socket gets a pid. */
    public boolean enabled() {
        return enabled;
    }

    /** Records a broadcast about to be sent; its offset. */
    public synchronized String append(String name, String json) {
        Instant now = clock.instant();
        evict(now);
        long sequence = nextSequence++;
        String offset = epoch + "-" + sequence;
        entries.addLast(new Entry(sequence, offset, name, json, now));
        if (entries.size() > maxEvents) {
            entries.removeFirst();
        }
        return offset;
    }

    /**
     * Every broadcast after the one at {@code offset}, oldest first; empty when that cannot be told: an offset of
     * another process (or none, or not an offset), or one older than what is kept (events after it may be gone).
     */
    public synchronized Optional<List<Entry>> after(Object offset) {
        if (!(offset instanceof String text) || !text.startsWith(epoch + "-")) {
            return Optional.empty();
        }
        long sequence;
        try {
            sequence = Long.parseLong(text.substring(epoch.length() + 1));
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
        evict(clock.instant());
        long oldestKept = entries.isEmpty() ? nextSequence : entries.peekFirst().sequence();
        if (sequence < oldestKept - 1 || sequence >= nextSequence) {
            return Optional.empty();
        }
        List<Entry> missed = new ArrayList<>();
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (entry.sequence() > sequence) {
                missed.add(entry);
            }
        }
        return Optional.of(missed);
    }

    public synchronized int size() {
        return entries.size();
    }

    private void evict(Instant now) {
        Instant oldest = now.minus(maxAge);
        while (!entries.isEmpty() && entries.peekFirst().sentAt().isBefore(oldest)) {
            entries.removeFirst();
        }
    }
}
