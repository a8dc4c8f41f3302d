package io.callcenter.model.serde;

import io.callcenter.model.stats.CallStatsEvent;

/** {@link EventDeserializer} for {@link io.callcenter.model.Topics#CALL_STATS}, nameable in Kafka properties. */
public class CallStatsEventDeserializer extends EventDeserializer<CallStatsEvent> {
    public CallStatsEventDeserializer() {
        super(CallStatsEvent.class);
    }
}
