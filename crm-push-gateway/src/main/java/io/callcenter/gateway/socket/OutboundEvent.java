package io.callcenter.gateway.socket;

import com.fasterxml.jackson.databind.util.RawValue;
import io.callcenter.gateway.metrics.GatewayMetrics;
import io.callcenter.model.serde.CallcenterJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;

/**
 * One server-to-client event, encoded once however many sockets receive it: the payload as JSON (with the contract's
 * Jackson settings, so {@code customerInfo: null} stays), and the complete Engine.IO/Socket.IO websocket text frame
 * {@code 42["name",payload]} for the default namespace, held as the complete unmasked RFC 6455 text frame (header
 * and payload) in one direct buffer. Server-to-client frames are not masked, so with no compression and no TLS in a
 * channel's pipeline those bytes are exactly what Netty's {@code WebSocket08FrameEncoder} would write for every
 * client: broadcasts write a retained duplicate of them ({@link #wireFrameReference()}), other websocket writes a
 * {@code TextWebSocketFrame} over a slice of the payload ({@link #frameReference()}). The buffer is direct so that
 * Netty does not copy it per write on its way to the socket. Polling clients go through netty-socketio's queue with
 * the pre-encoded JSON as a raw value. Close it after the last send to release the bytes.
 */
public final class OutboundEvent implements AutoCloseable {
    private final String name;
    private final String json;
    private final RawValue raw;
    /** Header + payload of the websocket text frame. */
    private final ByteBuf wireFrame;
    private final int headerLength;
    private final int payloadLength;

    private OutboundEvent(String name, String json) {
        this.name = name;
        this.json = json;
        this.raw = new RawValue(json);
        String text = "42[" + CallcenterJson.mapper().writeValueAsString(name) + "," + json + "]";
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        this.wireFrame = textFrame(payload);
        this.payloadLength = payload.length;
        this.headerLength = wireFrame.readableBytes() - payloadLength;
    }

    /**
     * A final, unmasked, uncompressed websocket text frame (RFC 6455 5.2): FIN + opcode 0x1, then the payload length
     * in 7 bits, or 126 and 16 bits, or 127 and 64 bits, then the payload. Netty has no public helper for this (its
     * {@code WebSocket08FrameEncoder.encode} is a pipeline handler's protected method).
     */
    static ByteBuf textFrame(byte[] payload) {
        int length = payload.length;
        int headerLength = length <= 125 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuf frame = ByteBufAllocator.DEFAULT.directBuffer(headerLength + length);
        frame.writeByte(0x80 | 0x1);
        if (length <= 125) {
            frame.writeByte(length);
        } else if (length <= 0xFFFF) {
            frame.writeByte(126);
            frame.writeShort(length);
        } else {
            frame.writeByte(127);
            frame.writeLong(length);
        }
        frame.writeBytes(payload);
        return frame;
    }

    /**
     * The same event with one more argument, the connection-state-recovery offset: {@code 42["name",payload,"offset"]}.
     * Its {@link #json()} is then the arguments after the name, comma-separated (not one JSON value).
     */
    public static OutboundEvent withOffset(String name, String payloadJson, String offset) {
        return new OutboundEvent(name, payloadJson + "," + CallcenterJson.mapper().writeValueAsString(offset));
    }

    public static OutboundEvent encode(String name, Object payload) {
        return new OutboundEvent(name, CallcenterJson.mapper().writeValueAsString(payload));
    }

    /** {@link #encode(String, Object)} counted in {@code callcenter.gateway.events.encoded}, to test encode-once. */
    public static OutboundEvent encode(String name, Object payload, GatewayMetrics metrics) {
        metrics.encoded(name);
        return encode(name, payload);
    }

    /** A JSON value for netty-socketio's own (Jackson 2) writer that is copied verbatim, e.g. an ack's argument. */
    public static RawValue rawJson(Object value) {
        return new RawValue(CallcenterJson.mapper().writeValueAsString(value));
    }

    public String name() {
        return name;
    }

    public String json() {
        return json;
    }

    RawValue raw() {
        return raw;
    }

    /** A new reference to the shared payload bytes (for a {@code TextWebSocketFrame}); the write releases it. */
    ByteBuf frameReference() {
        return wireFrame.retainedSlice(headerLength, payloadLength);
    }

    /**
     * A new reference to the complete websocket frame bytes, to be written below netty-socketio's and Netty's
     * websocket encoders (they pass a plain {@code ByteBuf} on untouched); the write releases it.
     */
    ByteBuf wireFrameReference() {
        return wireFrame.retainedDuplicate();
    }

    @Override
    public void close() {
        wireFrame.release();
    }
}
