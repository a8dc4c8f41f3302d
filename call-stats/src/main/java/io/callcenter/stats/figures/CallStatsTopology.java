package io.callcenter.stats.figures;

import io.callcenter.kit.kafka.JsonSerde;
import io.callcenter.model.Topics;
import io.callcenter.model.agents.AgentEvent;
import io.callcenter.model.agents.AgentStatusChanged;
import io.callcenter.model.stats.CallCenterStatsUpdated;
import io.callcenter.model.stats.CallStatsEvent;
import io.callcenter.model.serde.CallcenterSerdes;
import io.callcenter.stats.StatsProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;

import java.util.Map;

/**
 * The Kafka Streams application {@code call-stats}:
 * <pre>
 * callcenter.call-events.v2 (key callId) ─▶ CallFactsProcessor (store call-facts) ─┐
 * callcenter.agent-events.v1 (key agentId) ─▶ status changes ──────────────────────┴▶ re-keyed to "call-center"
 *   ─▶ facts-by-scope-repartition (1 partition) ─▶ StatsProcessor (stores stats-minutes, stats-ringing, stats-agents,
 *   stats-progress) ─▶ callcenter.call-stats.v1 (key "call-center")
 * </pre>
 * Every store is persistent and changelogged, and {@code exactly_once_v2} commits stores, offsets and output together:
 * a restarted (or moved) instance resumes with exactly what was counted. Both inputs are read from the beginning by a
 * new application id (the agents' table is compacted; old call events fall outside every period and only warm up
 * the per-call store). One scope means one task does the aggregation: a contact centre's event rate (tens per
 * second at most) is far below what one task handles. Unreadable records and records whose processing throws are
 * logged and skipped (the figures go on). Leaving the group on close and replacing a dead stream thread come from
 * service-kit ({@code kit.kafka.KafkaStreamsLifecycle}).
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class CallStatsTopology {
    static final String CALL_FACTS_STORE = "call-facts";
    static final String MINUTES_STORE = "stats-minutes";
    static final String RINGING_STORE = "stats-ringing";
    static final String AGENTS_STORE = "stats-agents";
    static final String PROGRESS_STORE = "stats-progress";
    static final String FACTS_BY_SCOPE = "facts-by-scope";

    @Bean(name = KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME)
    KafkaStreamsConfiguration callStatsStreamsConfig(KafkaProperties kafka, StatsProperties stats) {
        Map<String, Object> props = kafka.buildStreamsProperties();
        props.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, "call-stats");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stats.stateDirectory().toAbsolutePath().toString());
        // not a setting: without it a restart could count a batch twice or lose it
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProcessingExceptionHandler.class);
        return new KafkaStreamsConfiguration(props);
    }

    @Bean
    KStream<String, CallStatsEvent> callStats(StreamsBuilder builder, StatsProperties stats, MeterRegistry meters) {
        Counter late = Counter.builder("callcenter.stats.late.events.dropped")
                .description("call facts that arrived more than the grace period late and were not counted")
                .register(meters);
        return build(builder, stats, late::increment);
    }

    /** The whole topology on {@code builder}; {@code lateEventDropped} is told of each fact too late to count. */
    static KStream<String, CallStatsEvent> build(StreamsBuilder builder, StatsProperties stats,
                                                 Runnable lateEventDropped) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CALL_FACTS_STORE),
                Serdes.String(), JsonSerde.of(CallRecord.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MINUTES_STORE),
                Serdes.Long(), JsonSerde.of(MinuteBucket.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RINGING_STORE),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AGENTS_STORE),
                Serdes.String(), JsonSerde.of(AgentTimeline.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PROGRESS_STORE),
                Serdes.String(), Serdes.Long()));
        Serde<CallFact> facts = JsonSerde.of(CallFact.class);

        KStream<String, CallFact> callFacts = builder.stream(Topics.CALL_EVENTS_V2,
                        Consumed.with(Serdes.String(), CallcenterSerdes.callEventsV2())
                                .withOffsetResetPolicy(AutoOffsetReset.earliest()))
                .process(() -> new CallFactsProcessor(stats.endedCallRetention()), CALL_FACTS_STORE);
        KStream<String, CallFact> agentFacts = builder.stream(Topics.AGENT_EVENTS,
                        Consumed.with(Serdes.String(), CallcenterSerdes.agentEvents())
                                .withOffsetResetPolicy(AutoOffsetReset.earliest()))
                .filter((agentId, event) -> event instanceof AgentStatusChanged changed && changed.occurredAt() != null)
                .mapValues(CallStatsTopology::statusChange);
        KStream<String, CallStatsEvent> snapshots = callFacts.merge(agentFacts)
                .map((key, fact) -> KeyValue.pair(CallCenterStatsUpdated.SCOPE_CALL_CENTER, fact))
                .repartition(Repartitioned.<String, CallFact>as(FACTS_BY_SCOPE)
                        .withKeySerde(Serdes.String()).withValueSerde(facts).withNumberOfPartitions(1))
                .process(() -> new StatsProcessor(stats.serviceLevelThreshold(), stats.grace(),
                        stats.publishInterval(), lateEventDropped),
                        MINUTES_STORE, RINGING_STORE, AGENTS_STORE, PROGRESS_STORE);
        snapshots.to(Topics.CALL_STATS, Produced.with(Serdes.String(), CallcenterSerdes.callStats()));
        return snapshots;
    }

    private static CallFact statusChange(AgentEvent event) {
        AgentStatusChanged changed = (AgentStatusChanged) event;
        return CallFact.agentStatus(changed.agentId(), changed.agentName(), changed.status(),
                changed.occurredAt().toEpochMilli());
    }
}
