package io.callcenter.gateway.socket;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.internal.PlatformDependent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * The writes waiting for one event loop's channels. Any thread adds; one drain task at a time runs on the loop,
 * performs every write it finds (in the order added, up to {@link #MAX_EVENTS_PER_DRAIN} events) and then flushes
 * each channel it wrote once. Under light load a drain finds one broadcast; when broadcasts arrive faster than the
 * loop writes them, one drain takes all that waited and each client gets them in one socket write instead of one
 * per event: the cost per message falls as the load rises, for the gateway and for the clients reading.
 */
final class LoopQueue implements Runnable {
    /** Events per drain at most, so that a long queue does not hold the loop (and its clients' reads) for long. */
    static final int MAX_EVENTS_PER_DRAIN = 256;
    private static final Logger log = LoggerFactory.getLogger(LoopQueue.class);

    /** Something to write to channels of this loop, without flushing. */
    interface Write {
        /** Writes, adding every channel it wrote to {@code toFlush}, then gives up its buffers; runs on the loop. */
        void writeTo(Set<Channel> toFlush);

        /** How many events this write carries (its share of a drain). */
        int events();

        /** Gives up its buffers without writing (the loop is shutting down). */
        void discard();
    }

    private final EventLoop loop;
    private final FanoutBacklog backlog;
    private final LongConsumer queueDelayNanos;
    private final LongConsumer flushedDelayNanos;
    /** Hand-over times of the writes the running drain took; only the loop's thread touches it. */
    private final long[] drainedAddedNanos = new long[MAX_EVENTS_PER_DRAIN];
    private final Queue<Queued> pending = PlatformDependent.newMpscQueue();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /**
     * @param queueDelayNanos   told, per write, how long it waited for the loop (hand-over to the drain taking it)
     * @param flushedDelayNanos told, per write, how long from hand-over until it was flushed to all its channels
     */
    LoopQueue(EventLoop loop, FanoutBacklog backlog, LongConsumer queueDelayNanos, LongConsumer flushedDelayNanos) {
        this.loop = loop;
        this.backlog = backlog;
        this.queueDelayNanos = queueDelayNanos;
        this.flushedDelayNanos = flushedDelayNanos;
    }

    void add(Write write) {
        backlog.added(write.events());
        pending.add(new Queued(write, System.nanoTime()));
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                loop.execute(this);
            } catch (RejectedExecutionException shuttingDown) {
                discardAll();
            }
        }
    }

    @Override
    public void run() {
        // cleared before draining: whatever is added from now on either is taken by this drain or schedules the next
        scheduled.set(false);
        Set<Channel> toFlush = Collections.newSetFromMap(new IdentityHashMap<>());
        int events = 0;
        int writes = 0;
        Queued next;
        while (events < MAX_EVENTS_PER_DRAIN && (next = pending.poll()) != null) {
            queueDelayNanos.accept(System.nanoTime() - next.addedNanos);
            drainedAddedNanos[writes++] = next.addedNanos;
            events += next.write.events();
            try {
                next.write.writeTo(toFlush);
            } catch (RuntimeException e) {
                log.error("Write to the clients of {} failed", loop, e);
            }
        }
        for (Channel channel : toFlush) {
            channel.flush();
        }
        long flushed = System.nanoTime();
        for (int i = 0; i < writes; i++) {
            flushedDelayNanos.accept(flushed - drainedAddedNanos[i]);
        }
        backlog.drained(events); // written and handed to the kernel (or skipped for slow clients)
        if (!pending.isEmpty()) {
            schedule();
        }
    }

    private void discardAll() {
        scheduled.set(false);
        Queued next;
        while ((next = pending.poll()) != null) {
            next.write.discard();
            backlog.drained(next.write.events());
        }
    }

    private record Queued(Write write, long addedNanos) {
    }
}
