package io.callcenter.gateway.socket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A loop's queue writes what waited for it in the order it was added, and everything one drain writes to a channel
 * goes out in one flush: the fewer drains the loop can run, the more events share a socket write.
 */
class LoopQueueTest {
    private final List<Long> delays = new ArrayList<>();
    private final List<Long> flushedDelays = new ArrayList<>();
    private final FanoutBacklog backlog = new FanoutBacklog();

    @Test
    void writesThatWaitedForTheLoopGoOutInOrderWithOneFlushPerChannel() {
        FlushCounter flushes = new FlushCounter();
        EmbeddedChannel channel = new EmbeddedChannel(flushes);
        LoopQueue queue = new LoopQueue(channel.eventLoop(), backlog, delays::add, flushedDelays::add);

        queue.add(new TextWrite(channel, 1, "a"));
        queue.add(new TextWrite(channel, 1, "b"));
        queue.add(new TextWrite(channel, 1, "c"));
        assertThat(readAll(channel)).as("written before the loop ran").isEmpty();
        assertThat(backlog.queued()).isEqualTo(3);

        channel.runPendingTasks();
        assertThat(backlog.queued()).isZero();

        assertThat(readAll(channel)).containsExactly("a", "b", "c");
        assertThat(flushes.count).hasValue(1);
        assertThat(delays).hasSize(3).allMatch(nanos -> nanos >= 0);
        assertThat(flushedDelays).as("each write's hand-over to flush, at least its wait for the loop").hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(flushedDelays.get(i)).isGreaterThanOrEqualTo(delays.get(i));
        }
    }

    @Test
    void aLongQueueIsDrainedInSeveralTurnsStillInOrder() {
        FlushCounter flushes = new FlushCounter();
        EmbeddedChannel channel = new EmbeddedChannel(flushes);
        LoopQueue queue = new LoopQueue(channel.eventLoop(), backlog, delays::add, flushedDelays::add);
        int perWrite = LoopQueue.MAX_EVENTS_PER_DRAIN / 2;
        for (String text : List.of("1", "2", "3", "4", "5")) {
            queue.add(new TextWrite(channel, perWrite, text));
        }

        channel.runPendingTasks(); // the first drain stops after MAX_EVENTS_PER_DRAIN events and schedules the next
        channel.runPendingTasks();
        channel.runPendingTasks();

        assertThat(readAll(channel)).containsExactly("1", "2", "3", "4", "5");
        assertThat(flushes.count).as("drains: 2 + 2 + 1 writes").hasValue(3);
        assertThat(flushedDelays).as("one per write, over the three drains").hasSize(5);
    }

    @Test
    void aWriteAddedWhileADrainFlushesIsWrittenByTheNextDrain() {
        List<Runnable> onFirstFlush = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                onFirstFlush.forEach(Runnable::run);
                onFirstFlush.clear();
                ctx.flush();
            }
        });
        LoopQueue queue = new LoopQueue(channel.eventLoop(), backlog, delays::add, flushedDelays::add);
        // added after the drain took its last write: only a new drain can write it
        onFirstFlush.add(() -> queue.add(new TextWrite(channel, 1, "added while flushing")));
        queue.add(new TextWrite(channel, 1, "first"));

        channel.runPendingTasks();
        channel.runPendingTasks();

        assertThat(readAll(channel)).containsExactly("first", "added while flushing");
    }

    @Test
    void writesForALoopThatHasShutDownAreDiscardedNotLeaked() throws Exception {
        DefaultEventLoop loop = new DefaultEventLoop();
        loop.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).sync();
        LoopQueue queue = new LoopQueue(loop, backlog, delays::add, flushedDelays::add);
        ByteBuf buffer = Unpooled.copiedBuffer("never written", StandardCharsets.UTF_8);
        AtomicInteger written = new AtomicInteger();

        queue.add(new LoopQueue.Write() {
            @Override
            public void writeTo(Set<Channel> toFlush) {
                written.incrementAndGet();
            }

            @Override
            public int events() {
                return 1;
            }

            @Override
            public void discard() {
                buffer.release();
            }
        });

        assertThat(written).hasValue(0);
        assertThat(buffer.refCnt()).as("released by discard").isZero();
        assertThat(backlog.queued()).isZero();
    }

    private static List<String> readAll(EmbeddedChannel channel) {
        List<String> texts = new ArrayList<>();
        ByteBuf next;
        while ((next = channel.readOutbound()) != null) {
            texts.add(next.toString(StandardCharsets.UTF_8));
            next.release();
        }
        return texts;
    }

    /** Writes one text to one channel, counting as {@code events} events. */
    private static class TextWrite implements LoopQueue.Write {
        private final Channel channel;
        private final int events;
        private final String text;

        TextWrite(Channel channel, int events, String text) {
            this.channel = channel;
            this.events = events;
            this.text = text;
        }

        @Override
        public void writeTo(Set<Channel> toFlush) {
            channel.write(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
            toFlush.add(channel);
        }

        @Override
        public int events() {
            return events;
        }

        @Override
        public void discard() {
        }
    }

    private static final class FlushCounter extends ChannelOutboundHandlerAdapter {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void flush(ChannelHandlerContext ctx) {
            count.incrementAndGet();
            ctx.flush();
        }
    }
}
