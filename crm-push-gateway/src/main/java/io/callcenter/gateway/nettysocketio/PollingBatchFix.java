package io.callcenter.gateway.nettysocketio;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.protocol.JsonSupport;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.io.IOException;
import java.util.AbstractQueue;
import java.util.Iterator;
import java.util.Queue;

/**
 * netty-socketio 2.0.14 answers a long-polling request with at most 50 queued packets, but its
 * {@code PacketEncoder.encodePackets} takes the 51st packet off the queue before it checks the limit, and drops it:
 * a polling client sent more than 50 events between two polls silently loses every 51st (seen in
 * {@code FanoutOrderTest}). This encoder hands the library a view of the queue that yields no more than the limit,
 * so the loop ends on an empty poll and whatever is left stays queued for the client's next request. Patch 2 of
 * {@code package-info}.
 */
final class PollingBatchFix extends PacketEncoder {

    PollingBatchFix(Configuration configuration, JsonSupport jsonSupport) {
        super(configuration, jsonSupport);
    }

    @Override
    public void encodePackets(Queue<Packet> queue, ByteBuf buffer, ByteBufAllocator allocator, int limit)
            throws IOException {
        super.encodePackets(new AtMost(queue, limit), buffer, allocator, limit);
    }

    /** The head of a queue, up to {@code limit} packets taken; then it looks empty. */
    static final class AtMost extends AbstractQueue<Packet> {
        private final Queue<Packet> queue;
        private final int limit;
        private int taken;

        AtMost(Queue<Packet> queue, int limit) {
            this.queue = queue;
            this.limit = limit;
        }

        @Override
        public Packet poll() {
            if (taken >= limit) {
                return null;
            }
            Packet packet = queue.poll();
            if (packet != null) {
                taken++;
            }
            return packet;
        }

        @Override
        public Packet peek() {
            return taken >= limit ? null : queue.peek();
        }

        @Override
        public boolean offer(Packet packet) {
            return queue.offer(packet);
        }

        @Override
        public Iterator<Packet> iterator() {
            return queue.iterator();
        }

        @Override
        public int size() {
            return taken >= limit ? 0 : Math.min(queue.size(), limit - taken);
        }
    }
}
