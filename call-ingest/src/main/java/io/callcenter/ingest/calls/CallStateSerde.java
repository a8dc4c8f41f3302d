package io.callcenter.ingest.calls;

import io.callcenter.model.serde.CallcenterJson;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** JSON serde of {@link CallState} for the lifecycle store and its changelog, with the contract's Jackson settings. */
final class CallStateSerde {
    private CallStateSerde() {
    }

    static Serde<CallState> create() {
        Serializer<CallState> serializer = (topic, state) ->
                state == null ? null : CallcenterJson.mapper().writeValueAsBytes(state);
        Deserializer<CallState> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                return CallcenterJson.mapper().readValue(data, CallState.class);
            } catch (tools.jackson.core.JacksonException e) {
                throw new SerializationException("cannot read call state: " + e.getOriginalMessage(), e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
