package io.callcenter.gateway.socket;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many events wait in the event loops' queues ({@link LoopQueue}), summed over the loops (an event broadcast to
 * clients on four loops counts four times). The Kafka consumer waits for room ({@link #awaitBelow}) before it polls
 * more, so when the clients cannot take events as fast as they arrive the backlog stays in Kafka (seen as consumer
 * lag) instead of growing the gateway's memory without bound; nothing is dropped.
 */
public final class FanoutBacklog {
    private final AtomicLong queued = new AtomicLong();
    private final Object room = new Object();
    private volatile boolean awaited;

    void added(int events) {
        queued.addAndGet(events);
    }

    void drained(int events) {
        queued.addAndGet(-events);
        if (awaited) {
            synchronized (room) {
                room.notifyAll();
            }
        }
    }

    public long queued() {
        return queued.get();
    }

    /** Waits until at most {@code limit} events are queued, for at most {@code maxWait}; true when they are. */
    public boolean awaitBelow(long limit, Duration maxWait) throws InterruptedException {
        if (queued.get() <= limit) {
            return true;
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        synchronized (room) {
            awaited = true; // before the check: a drain from now on notifies, so no wake-up is missed
            try {
                while (queued.get() > limit) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(room, left);
                }
                return true;
            } finally {
                awaited = false;
            }
        }
    }
}
