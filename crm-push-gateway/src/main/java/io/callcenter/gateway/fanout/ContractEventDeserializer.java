package io.callcenter.gateway.fanout;

import io.callcenter.model.Topics;
import io.callcenter.model.serde.AgentEventDeserializer;
import io.callcenter.model.serde.CallEventDeserializer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/** The contract deserializer of whichever topic a record comes from: one consumer reads both topics in order. */
final class ContractEventDeserializer implements Deserializer<Object> {
    private final CallEventDeserializer callEvents = new CallEventDeserializer();
    private final AgentEventDeserializer agentEvents = new AgentEventDeserializer();

    @Override
    public Object deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        return switch (topic) {
            case Topics.CALL_EVENTS -> callEvents.deserialize(topic, headers, data);
            case Topics.AGENT_EVENTS -> agentEvents.deserialize(topic, headers, data);
            default -> throw new SerializationException("no contract deserializer for topic " + topic);
        };
    }
}
