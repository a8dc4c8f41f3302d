package io.callcenter.ingest.calls;

import io.callcenter.ingest.IngestProperties;
import io.callcenter.ingest.agents.AgentView;
import io.callcenter.model.Topics;
import io.callcenter.model.agents.AgentEvent;
import io.callcenter.model.commands.CallCommand;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.serde.CallcenterSerdes;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

import java.time.Clock;
import java.util.Map;

/**
 * The Kafka Streams application {@code call-ingest}: commands from {@link Topics#CALL_COMMANDS} go through
 * {@link CallLifecycleProcessor} (with the persistent, changelogged {@value #CALLS_STORE} store and the global
 * {@value AgentView#STORE} table materialised from {@link Topics#AGENT_EVENTS}) to {@link Topics#CALL_EVENTS}.
 * Settings come from {@code spring.kafka.streams.*} (application id, exactly-once, latency tuning, error handlers in
 * {@code application.yml}); only the state directory is {@code callcenter.ingest.state-dir}, one per instance.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
public class CallLifecycleTopology {
    public static final String CALLS_STORE = "calls";
    private static final Logger log = LoggerFactory.getLogger(CallLifecycleTopology.class);

    @Bean(name = KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME)
    KafkaStreamsConfiguration callIngestStreamsConfig(KafkaProperties kafka, IngestProperties ingest) {
        Map<String, Object> props = kafka.buildStreamsProperties();
        props.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, "call-ingest");
        props.put(StreamsConfig.STATE_DIR_CONFIG, ingest.stateDir().toAbsolutePath().toString());
        props.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        return new KafkaStreamsConfiguration(props);
    }

    /**
     * Leave the group on close so a restarted or stopped instance's partitions move at once instead of after the
     * session timeout (ringing calls would not time out meanwhile); a dead stream thread is replaced.
     */
    @Bean
    StreamsBuilderFactoryBeanConfigurer callIngestStreamsLifecycle() {
        return factory -> {
            factory.setLeaveGroupOnClose(true);
            factory.setStreamsUncaughtExceptionHandler(e -> {
                log.error("Kafka Streams thread failed; replacing it", e);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
        };
    }

    @Bean
    KStream<String, CallEvent> callLifecycle(StreamsBuilder builder, IngestProperties ingest, LiveCalls liveCalls) {
        builder.globalTable(Topics.AGENT_EVENTS, Consumed.with(Serdes.String(), CallcenterSerdes.agentEvents()),
                Materialized.<String, AgentEvent, KeyValueStore<Bytes, byte[]>>as(AgentView.STORE)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(CallcenterSerdes.agentEvents()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CALLS_STORE),
                Serdes.String(), CallStateSerde.create()));
        // A new application id (no committed offsets) starts at the end of the commands: replaying old StartCalls
        // would ring long-gone calls on every CRM again. An existing one resumes from its committed offsets.
        Consumed<String, CallCommand> commands = Consumed.with(Serdes.String(), CallcenterSerdes.callCommands())
                .withOffsetResetPolicy(AutoOffsetReset.latest());
        KStream<String, CallEvent> events = builder.stream(Topics.CALL_COMMANDS, commands)
                .process(() -> new CallLifecycleProcessor(ingest.ringTimeout(), ingest.endedCallRetention(),
                        ingest.instanceId(), Clock.systemUTC(), liveCalls), CALLS_STORE);
        events.to(Topics.CALL_EVENTS, Produced.with(Serdes.String(), CallcenterSerdes.callEvents()));
        return events;
    }
}
