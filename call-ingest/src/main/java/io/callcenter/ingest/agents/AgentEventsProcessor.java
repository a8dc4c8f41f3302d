package io.callcenter.ingest.agents;

import io.callcenter.model.Topics;
import io.callcenter.model.agents.AgentEvent;
import io.callcenter.model.serde.CallcenterSerdes;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Fills the global {@value AgentView#STORE} store from {@link Topics#AGENT_EVENTS} (the latest event per agent, as
 * the lifecycle reads it to validate answers) and keeps {@link AvailableAgents} in step with it. The store is in
 * memory: nothing is checkpointed, so every start replays the topic through this processor
 * ({@code StreamsBuilder#addGlobalStore} reprocesses on restore since Kafka 3.8, KAFKA-7663) and the index is
 * complete before the streams run. The topic is one compacted record per agent, so the replay is short.
 */
public final class AgentEventsProcessor implements Processor<String, AgentEvent, Void, Void> {
    private final AvailableAgents available;
    private TimestampedKeyValueStore<String, AgentEvent> store;

    private AgentEventsProcessor(AvailableAgents available) {
        this.available = available;
    }

    /** Adds the global agents store and this processor to {@code builder}. */
    public static void addTo(StreamsBuilder builder, AvailableAgents available) {
        builder.addGlobalStore(Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore(AgentView.STORE),
                                Serdes.String(), CallcenterSerdes.agentEvents()).withLoggingDisabled(),
                Topics.AGENT_EVENTS, Consumed.with(Serdes.String(), CallcenterSerdes.agentEvents()),
                () -> new AgentEventsProcessor(available));
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(AgentView.STORE);
    }

    @Override
    public void process(Record<String, AgentEvent> record) {
        if (record.key() == null) {
            return;
        }
        // the index first: whoever sees the agent in the store also finds it listed (or unlisted)
        if (record.value() == null) {
            unlist(record.key());
            store.delete(record.key());
            return;
        }
        available.apply(record.value());
        store.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
    }

    private void unlist(String key) {
        try {
            available.unlist(Integer.parseInt(key));
        } catch (NumberFormatException notAnAgentId) {
            // keys are agent ids (Topics.agentKey); anything else was never listed
        }
    }
}
