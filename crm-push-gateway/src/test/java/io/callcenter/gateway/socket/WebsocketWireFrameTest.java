package io.callcenter.gateway.socket;

import io.callcenter.gateway.nettysocketio.NettySocketIo;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.handler.EncoderHandler;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.corundumstudio.socketio.protocol.PacketEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket00FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.handler.ssl.SslHandler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pre-built websocket frame bytes are byte for byte what Netty's own encoder writes for the same
 * {@code TextWebSocketFrame}, and only channels whose outbound path leaves a plain {@code ByteBuf} alone get them.
 */
class WebsocketWireFrameTest {

    @ParameterizedTest(name = "payload of {0} bytes")
    @ValueSource(ints = {0, 1, 125, 126, 127, 1023, 1024, 65535, 65536, 70000})
    void prebuiltFrameEqualsWhatNettysEncoderWrites(int length) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        ByteBuf prebuilt = OutboundEvent.textFrame(payload);
        try {
            assertThat(ByteBufUtil.getBytes(prebuilt)).isEqualTo(nettyEncoded(payload));
        } finally {
            prebuilt.release();
        }
    }

    @Test
    void anEventsWireFrameWrapsTheSameSocketIoPacketAsItsTextFrame() {
        try (OutboundEvent event = OutboundEvent.encode("incoming_call_to_crm",
                Map.of("callId", "c-1", "note", "Xin chào ".repeat(20)))) {
            ByteBuf payload = event.frameReference();
            ByteBuf wire = event.wireFrameReference();
            try {
                String text = payload.toString(StandardCharsets.UTF_8);
                assertThat(text).startsWith("42[\"incoming_call_to_crm\",{").endsWith("}]");
                assertThat(ByteBufUtil.getBytes(wire)).isEqualTo(nettyEncoded(ByteBufUtil.getBytes(payload)));
                assertThat(wire.isDirect()).as("direct, so Netty does not copy it per write").isTrue();
            } finally {
                payload.release();
                wire.release();
            }
        }
    }

    @Test
    void aPlainByteBufPassesNettySocketioAndTheFrameEncoderUntouched() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(new WebSocket13FrameEncoder(false), socketioEncoder());
        try {
            byte[] frame = nettyEncoded("42[\"call_ended\",{}]".getBytes(StandardCharsets.UTF_8));
            channel.writeOutbound(Unpooled.wrappedBuffer(frame));
            ByteBuf written = channel.readOutbound();
            try {
                assertThat(ByteBufUtil.getBytes(written)).isEqualTo(frame);
            } finally {
                written.release();
            }
            assertThat((Object) channel.readOutbound()).isNull();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aWebsocketPipelineWithOnlyTheFrameAndSocketioEncodersTakesWireFrames() throws Exception {
        assertThat(takesWireFrames(new WebSocket13FrameEncoder(false), socketioEncoder())).isTrue();
        assertThat(takesWireFrames(new WebSocket08FrameEncoder(false), socketioEncoder())).isTrue();
    }

    @Test
    void aPipelineWithCompressionTlsOrTheHandshakesHttpEncoderKeepsTextFrames() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, null, null);
        assertThat(takesWireFrames(new WebSocketServerCompressionHandler(), new WebSocket13FrameEncoder(false),
                socketioEncoder())).as("compression").isFalse();
        assertThat(takesWireFrames(new SslHandler(tls.createSSLEngine()), new WebSocket13FrameEncoder(false),
                socketioEncoder())).as("TLS").isFalse();
        assertThat(takesWireFrames(new WebSocket13FrameEncoder(false), new HttpResponseEncoder(), socketioEncoder()))
                .as("handshake not finished").isFalse();
    }

    @Test
    void aPipelineWithoutTheRfc6455FrameEncoderKeepsTextFrames() throws Exception {
        assertThat(takesWireFrames(socketioEncoder())).as("no websocket encoder").isFalse();
        assertThat(takesWireFrames(new WebSocket00FrameEncoder(), socketioEncoder())).as("hixie-76").isFalse();
    }

    private static boolean takesWireFrames(ChannelHandler... handlers) {
        EmbeddedChannel channel = new EmbeddedChannel(handlers);
        try {
            return NettySocketIo.takesWireFrames(channel);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static EncoderHandler socketioEncoder() throws Exception {
        Configuration config = new Configuration();
        return new EncoderHandler(config, new PacketEncoder(config, new JacksonJsonSupport()));
    }

    /** What Netty's encoder writes for a text frame of this payload (one or two buffers, joined). */
    private static byte[] nettyEncoded(byte[] payload) {
        EmbeddedChannel channel = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
        try {
            channel.writeOutbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(payload)));
            byte[] bytes = new byte[0];
            for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
                try {
                    byte[] more = ByteBufUtil.getBytes(part);
                    bytes = Arrays.copyOf(bytes, bytes.length + more.length);
                    System.arraycopy(more, 0, bytes, bytes.length - more.length, more.length);
                } finally {
                    part.release();
                }
            }
            return bytes;
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
