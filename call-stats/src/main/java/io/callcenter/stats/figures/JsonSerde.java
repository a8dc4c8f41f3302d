package io.callcenter.stats.figures;

import io.callcenter.model.serde.CallcenterJson;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** JSON serde of call-stats' internal records (stores, changelogs, the repartition topic), contract settings. */
final class JsonSerde {
    private JsonSerde() {
    }

    static <T> Serde<T> of(Class<T> type) {
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
