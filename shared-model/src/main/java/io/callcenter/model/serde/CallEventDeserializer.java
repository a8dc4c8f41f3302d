package io.callcenter.model.serde;

import io.callcenter.model.events.CallEvent;

/** {@link EventDeserializer} for {@link io.callcenter.model.Topics#CALL_EVENTS}, nameable in Kafka properties. */
public class CallEventDeserializer extends EventDeserializer<CallEvent> {
    public CallEventDeserializer() {
        super(CallEvent.class);
    }
}
