package io.callcenter.model.serde;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.charset.StandardCharsets;

/** Writes any contract record as UTF-8 JSON and its type into the {@link EventHeaders#EVENT_TYPE} header. */
public class EventSerializer<T> implements Serializer<T> {

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : CallcenterJson.mapper().writeValueAsBytes(data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
        if (data != null) {
            headers.remove(EventHeaders.EVENT_TYPE);
            headers.add(EventHeaders.EVENT_TYPE, data.getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
        }
        return serialize(topic, data);
    }
}
