package io.callcenter.gateway.nettysocketio;

import com.corundumstudio.socketio.AckCallback;
import com.corundumstudio.socketio.protocol.AckArgs;
import com.corundumstudio.socketio.protocol.Event;
import com.corundumstudio.socketio.protocol.JsonSupport;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * netty-socketio's JSON support, except that an event name the gateway does not handle is renamed to
 * {@link #UNKNOWN_EVENT} with the original name as its argument. netty-socketio drops events without a listener
 * silently ({@code Namespace.onEvent}, 2.0.14 lines 127-130); this way the client gets an {@code error} naming the
 * event instead. Patch 3 of {@code package-info}.
 */
final class EventNameGuard implements JsonSupport {
    static final String UNKNOWN_EVENT = "$unknown_event";

    private final JsonSupport delegate;
    private final Set<String> knownEvents;

    EventNameGuard(JsonSupport delegate, Set<String> knownEvents) {
        this.delegate = delegate;
        this.knownEvents = Set.copyOf(knownEvents);
    }

    @Override
    public <T> T readValue(String namespaceName, ByteBufInputStream src, Class<T> valueType) throws IOException {
        T value = delegate.readValue(namespaceName, src, valueType);
        if (value instanceof Event event && !knownEvents.contains(event.getName())) {
            return valueType.cast(new Event(UNKNOWN_EVENT, List.of(String.valueOf(event.getName()))));
        }
        return value;
    }

    @Override
    public AckArgs readAckArgs(ByteBufInputStream src, AckCallback<?> callback) throws IOException {
        return delegate.readAckArgs(src, callback);
    }

    @Override
    public void writeValue(ByteBufOutputStream out, Object value) throws IOException {
        delegate.writeValue(out, value);
    }

    @Override
    public void addEventMapping(String namespaceName, String eventName, Class<?>... eventClass) {
        delegate.addEventMapping(namespaceName, eventName, eventClass);
    }

    @Override
    public void removeEventMapping(String namespaceName, String eventName) {
        delegate.removeEventMapping(namespaceName, eventName);
    }

    @Override
    public List<byte[]> getArrays() {
        return delegate.getArrays();
    }
}
