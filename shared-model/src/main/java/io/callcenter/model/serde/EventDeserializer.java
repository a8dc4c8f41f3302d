package io.callcenter.model.serde;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads one topic's sealed record family. The type comes from the {@link EventHeaders#EVENT_TYPE} header, or from
 * the body's {@code type} property when the header is absent. A record that cannot be read throws
 * {@link SerializationException} with the reason, for the consumer's error handler to log and skip.
 */
public class EventDeserializer<T> implements Deserializer<T> {

    private final Class<T> family;
    private final Map<String, Class<?>> typesByName;

    public EventDeserializer(Class<T> family) {
        if (!family.isSealed()) {
            throw new IllegalArgumentException(family + " is not a sealed record family");
        }
        this.family = family;
        this.typesByName = Arrays.stream(family.getPermittedSubclasses())
                .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : read(data, family);
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        Header typeHeader = headers == null ? null : headers.lastHeader(EventHeaders.EVENT_TYPE);
        if (typeHeader == null) {
            return read(data, family);
        }
        String typeName = new String(typeHeader.value(), StandardCharsets.UTF_8);
        Class<?> type = typesByName.get(typeName);
        if (type == null) {
            throw new SerializationException("unknown event type '" + typeName + "' for " + family.getSimpleName()
                    + "; known: " + typesByName.keySet());
        }
        return family.cast(read(data, type));
    }

    private <R> R read(byte[] data, Class<R> type) {
        try {
            R value = CallcenterJson.mapper().readValue(data, type);
            if (value == null) {
                throw new SerializationException("record body is JSON null");
            }
            return value;
        } catch (tools.jackson.core.JacksonException e) {
            throw new SerializationException("cannot read " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
