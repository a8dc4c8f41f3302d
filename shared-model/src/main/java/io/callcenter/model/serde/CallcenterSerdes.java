package io.callcenter.model.serde;

import io.callcenter.model.agents.AgentEvent;
import io.callcenter.model.commands.CallCommand;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.stats.CallStatsEvent;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Serde pairs per topic, for Kafka Streams. */
public final class CallcenterSerdes {
    private CallcenterSerdes() {
    }

    public static Serde<CallEvent> callEvents() {
        return Serdes.serdeFrom(new EventSerializer<>(), new CallEventDeserializer());
    }

    public static Serde<io.callcenter.model.calls.CallEvent> callEventsV2() {
        return Serdes.serdeFrom(new EventSerializer<>(), new CallEventV2Deserializer());
    }

    public static Serde<CallCommand> callCommands() {
        return Serdes.serdeFrom(new EventSerializer<>(), new CallCommandDeserializer());
    }

    public static Serde<AgentEvent> agentEvents() {
        return Serdes.serdeFrom(new EventSerializer<>(), new AgentEventDeserializer());
    }

    public static Serde<CallStatsEvent> callStats() {
        return Serdes.serdeFrom(new EventSerializer<>(), new CallStatsEventDeserializer());
    }
}
