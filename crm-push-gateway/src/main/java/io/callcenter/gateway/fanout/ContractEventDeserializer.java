package io.callcenter.gateway.fanout;

import io.callcenter.model.Topics;
import io.callcenter.model.calls.CallEventsV1;
import io.callcenter.model.serde.AgentEventDeserializer;
import io.callcenter.model.serde.CallEventDeserializer;
import io.callcenter.model.serde.CallEventV2Deserializer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The contract deserializer of whichever topic a record comes from: one consumer reads call-events and agent-events
 * in order. A call-events v2 record (domain data) comes out in its guide form ({@link CallEventsV1#toV1}): the
 * gateway adds the guide's texts here, once per record, and everything after it speaks the guide's payloads.
 */
final class ContractEventDeserializer implements Deserializer<Object> {
    private final CallEventDeserializer callEvents = new CallEventDeserializer();
    private final CallEventV2Deserializer callEventsV2 = new CallEventV2Deserializer();
    private final AgentEventDeserializer agentEvents = new AgentEventDeserializer();

    @Override
    public Object deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        return switch (topic) {
            case Topics.CALL_EVENTS_V2 -> CallEventsV1.toV1(callEventsV2.deserialize(topic, headers, data));
            case Topics.CALL_EVENTS -> callEvents.deserialize(topic, headers, data);
            case Topics.AGENT_EVENTS -> agentEvents.deserialize(topic, headers, data);
            default -> throw new SerializationException("no contract deserializer for topic " + topic);
        };
    }
}
