package io.callcenter.gateway.nettysocketio;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketEncoder;
import com.corundumstudio.socketio.protocol.PacketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long-polling answer carries at most 50 packets; the rest wait for the client's next request. The library's own
 * encoder loses the packet just past the limit, ours keeps it queued.
 */
class PollingBatchFixTest {
    private static final int LIMIT = 50; // what netty-socketio's EncoderHandler passes
    private final Configuration configuration = new Configuration();

    @Test
    void packetsPastTheLimitStayQueuedForTheNextPoll() throws Exception {
        Queue<Packet> queue = events(60);

        String body = answer(new PollingBatchFix(configuration, new JacksonJsonSupport()), queue);

        assertThat(body).contains("\"event-49\"").doesNotContain("\"event-50\"");
        assertThat(queue).hasSize(10);
        assertThat(queue.peek().getName()).isEqualTo("event-50");
    }

    @Test
    void theLibrarysEncoderLosesThePacketPastTheLimit() throws Exception {
        // why PollingBatchFix exists; when a netty-socketio upgrade fixes this, this test fails and the fix can go
        Queue<Packet> queue = events(60);

        String body = answer(new PacketEncoder(configuration, new JacksonJsonSupport()), queue);

        assertThat(body).doesNotContain("\"event-50\"");
        assertThat(queue).hasSize(9);
        assertThat(queue.peek().getName()).isEqualTo("event-51");
    }

    @Test
    void fewerPacketsThanTheLimitAllGoInOneAnswer() throws Exception {
        Queue<Packet> queue = events(3);

        String body = answer(new PollingBatchFix(configuration, new JacksonJsonSupport()), queue);

        assertThat(body).contains("\"event-0\"", "\"event-1\"", "\"event-2\"");
        assertThat(queue).isEmpty();
    }

    /** One long-polling answer as the library's EncoderHandler makes it: up to {@link #LIMIT} packets. */
    private static String answer(PacketEncoder encoder, Queue<Packet> queue) throws Exception {
        ByteBuf answer = Unpooled.buffer();
        try {
            encoder.encodePackets(queue, answer, ByteBufAllocator.DEFAULT, LIMIT);
            return answer.toString(StandardCharsets.UTF_8);
        } finally {
            answer.release();
        }
    }

    private static Queue<Packet> events(int count) {
        Queue<Packet> queue = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < count; i++) {
            Packet packet = new Packet(PacketType.MESSAGE, EngineIOVersion.V4);
            packet.setSubType(PacketType.EVENT);
            packet.setNsp("");
            packet.setName("event-" + i);
            packet.setData(List.of(i));
            queue.add(packet);
        }
        return queue;
    }
}
