package io.callcenter.kit.kafka;

import io.callcenter.model.serde.CallcenterJson;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON serde of a service's internal Kafka Streams records (stores, changelogs, repartition topics), with the
 * contract's settings ({@link CallcenterJson}). A value that cannot be read fails with Kafka's
 * {@link SerializationException}, so the streams' exception handlers see it as unreadable.
 */
public final class JsonSerde {
    private JsonSerde() {
    }

    /** The serde of {@code type}; {@code null} stays {@code null} both ways (tombstones). */
    public static <T> Serde<T> of(Class<T> type) {
        Serializer<T> serializer = (topic, value) ->
                value == null ? null : CallcenterJson.mapper().writeValueAsBytes(value);
        Deserializer<T> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                return CallcenterJson.mapper().readValue(data, type);
            } catch (tools.jackson.core.JacksonException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + ": "
                        + e.getOriginalMessage(), e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
