package io.callcenter.model.serde;

import io.callcenter.model.calls.CallEvent;

/** {@link EventDeserializer} for {@link io.callcenter.model.Topics#CALL_EVENTS_V2}, nameable in Kafka properties. */
public class CallEventV2Deserializer extends EventDeserializer<CallEvent> {
    public CallEventV2Deserializer() {
        super(CallEvent.class);
    }
}
