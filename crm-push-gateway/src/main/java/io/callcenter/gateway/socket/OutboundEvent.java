package io.callcenter.gateway.socket;

import com.fasterxml.jackson.databind.util.RawValue;
import io.callcenter.model.serde.CallcenterJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;

/**
 * One server-to-client event, encoded once however many sockets receive it: the payload as JSON (with the contract's
 * Jackson settings, so {@code customerInfo: null} stays), and the complete Engine.IO/Socket.IO websocket text frame
 * {@code 42["name",payload]} for the default namespace. Websocket clients get a retained duplicate of that frame;
 * polling clients go through netty-socketio's queue with the pre-encoded JSON as a raw value. Close it after the
 * last send to release the frame.
 */
public final class OutboundEvent implements AutoCloseable {
    private final String name;
    private final String json;
    private final RawValue raw;
    private final ByteBuf frame;

    private OutboundEvent(String name, String json) {
        this.name = name;
        this.json = json;
        this.raw = new RawValue(json);
        String text = "42[" + CallcenterJson.mapper().writeValueAsString(name) + "," + json + "]";
        this.frame = Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8));
    }

    public static OutboundEvent encode(String name, Object payload) {
        return new OutboundEvent(name, CallcenterJson.mapper().writeValueAsString(payload));
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

    /** A new reference to the shared frame bytes; the write releases it. */
    ByteBuf frameReference() {
        return frame.retainedDuplicate();
    }

    @Override
    public void close() {
        frame.release();
    }
}
