package io.callcenter.ingest.calls;

import io.callcenter.ingest.IngestProperties;
import io.callcenter.ingest.agents.AgentEventsProcessor;
import io.callcenter.ingest.agents.AgentView;
import io.callcenter.ingest.agents.AvailableAgents;
import io.callcenter.kit.kafka.DeadLetters;
import io.callcenter.kit.kafka.JsonSerde;
import io.callcenter.model.Topics;
import io.callcenter.model.calls.CallEventsV1;
import io.callcenter.model.commands.AnswerCall;
import io.callcenter.model.commands.CallCommand;
import io.callcenter.model.crm.AnswerCallRequest;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CommandRejected;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.serde.CallcenterSerdes;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
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

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The Kafka Streams application {@code call-ingest}: commands from {@link Topics#CALL_COMMANDS} go through
 * {@link CallLifecycleProcessor} (with the persistent, changelogged {@value #CALLS_STORE} store and the global
 * {@value AgentView#STORE} store of {@link Topics#AGENT_EVENTS}, filled by {@link AgentEventsProcessor}, which also
 * keeps {@link AvailableAgents}, the new calls' suggested agents, in step) to {@link Topics#CALL_EVENTS}.
 * {@code AnswerCall}s take a detour first: re-keyed by agentId through the internal topic
 * {@code <application-id>-}{@value #ANSWERS_BY_AGENT}{@code -repartition}, together with the lifecycle's outcomes read
 * back from call-events, to {@link AgentSeatProcessor} (store {@value #SEATS_STORE}), which lets at most one call per
 * agent through; what it lets through goes back to callId keys through {@value #APPROVED_ANSWERS}{@code -repartition}
 * into the lifecycle, what it refuses goes to call-events as {@code CommandRejected}.
 * Settings come from {@code spring.kafka.streams.*} (application id, exactly-once, latency tuning in
 * {@code application.yml}); the state directory is {@code callcenter.ingest.state-dir}, one per instance; records that
 * cannot be read or processed go to dead-letter topics ({@link StreamsDeadLetterHandler}). Both processors run inside
 * {@link TraceCarryingProcessor}: an event carries the {@code traceparent} of the command it came from. Leaving the
 * group on close and replacing a dead stream thread come from service-kit
 * ({@code kit.kafka.KafkaStreamsLifecycle}).
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
public class CallLifecycleTopology {
    public static final String CALLS_STORE = "calls";
    public static final String SEATS_STORE = "agent-seats";
    static final String ANSWERS_BY_AGENT = "answers-by-agent";
    static final String APPROVED_ANSWERS = "approved-answers";
    /** How long a seat reserved for an answer whose outcome never comes back counts as taken (see AgentSeat). */
    static final Duration RESERVATION_TIMEOUT = Duration.ofSeconds(30);

    @Bean(name = KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME)
    KafkaStreamsConfiguration callIngestStreamsConfig(KafkaProperties kafka, IngestProperties ingest,
                                                      DeadLetters deadLetters) {
        Map<String, Object> props = kafka.buildStreamsProperties();
        // unreadable or unprocessable records are kept in dead-letter topics (StreamsDeadLetterHandler)
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsDeadLetterHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsDeadLetterHandler.class);
        props.put(StreamsDeadLetterHandler.DEAD_LETTERS_CONFIG, deadLetters);
        props.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, "call-ingest");
        props.put(StreamsConfig.STATE_DIR_CONFIG, ingest.stateDir().toAbsolutePath().toString());
        props.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        return new KafkaStreamsConfiguration(props);
    }

    @Bean
    KStream<String, CallEvent> callLifecycle(StreamsBuilder builder, IngestProperties ingest, LiveCalls liveCalls,
                                             AvailableAgents availableAgents) {
        return build(builder, ingest, Clock.systemUTC(), liveCalls, availableAgents);
    }

    /** The whole topology on {@code builder}; {@code clock} tells the processors the time (tests inject one). */
    static KStream<String, CallEvent> build(StreamsBuilder builder, IngestProperties ingest, Clock clock,
                                            LiveCalls liveCalls, AvailableAgents availableAgents) {
        AgentEventsProcessor.addTo(builder, availableAgents);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CALLS_STORE),
                Serdes.String(), CallStateSerde.create()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SEATS_STORE),
                Serdes.String(), JsonSerde.of(AgentSeat.class)));
        Serde<SeatMessage> seatMessages = JsonSerde.of(SeatMessage.class);
        // A new application id (no committed offsets) starts at the end of the commands: replaying old StartCalls
        // would ring long-gone calls on every CRM again. An existing one resumes from its committed offsets.
        Consumed<String, CallCommand> commands = Consumed.with(Serdes.String(), CallcenterSerdes.callCommands())
                .withOffsetResetPolicy(AutoOffsetReset.latest());
        KStream<String, CallCommand> allCommands = builder.stream(Topics.CALL_COMMANDS, commands);

        // answers and the lifecycle's outcomes that concern a seat, keyed by agentId, to the seat processor
        KStream<String, SeatMessage> answers = allCommands
                .filter((callId, command) -> command instanceof AnswerCall answer && answer.callId() != null)
                .map((callId, command) -> KeyValue.pair(Topics.agentKey(((AnswerCall) command).agentId()),
                        SeatMessage.answer((AnswerCall) command)));
        KStream<String, SeatMessage> outcomes = builder.stream(Topics.CALL_EVENTS,
                        Consumed.with(Serdes.String(), CallcenterSerdes.callEvents())
                                .withOffsetResetPolicy(AutoOffsetReset.latest()))
                .filter((callId, event) -> seatAgentOf(event) != null)
                .map((callId, event) -> KeyValue.pair(Topics.agentKey(seatAgentOf(event)),
                        SeatMessage.outcome(event)));
        KStream<String, SeatMessage> decided = answers.merge(outcomes)
                .repartition(Repartitioned.<String, SeatMessage>as(ANSWERS_BY_AGENT)
                        .withKeySerde(Serdes.String()).withValueSerde(seatMessages))
                .process(TraceCarryingProcessor.byAgent(() -> new AgentSeatProcessor(RESERVATION_TIMEOUT, clock)),
                        SEATS_STORE);
        publish(decided.filter((callId, message) -> message.outcome() != null).mapValues(SeatMessage::outcome));
        KStream<String, CallCommand> approved = decided.filter((callId, message) -> message.answer() != null)
                .mapValues(message -> (CallCommand) message.answer())
                .repartition(Repartitioned.<String, CallCommand>as(APPROVED_ANSWERS)
                        .withKeySerde(Serdes.String()).withValueSerde(CallcenterSerdes.callCommands()));

        KStream<String, CallEvent> events = allCommands.filter((callId, command) -> !(command instanceof AnswerCall))
                .merge(approved)
                .process(TraceCarryingProcessor.byCall(() -> new CallLifecycleProcessor(ingest.ringTimeout(),
                        ingest.maxCallDuration(), ingest.endedCallRetention(), ingest.instanceId(), clock, liveCalls)),
                        CALLS_STORE);
        publish(events);
        return events;
    }

    /**
     * Each event to call-events v1 and, in the same task (one transaction, the same order per task), its v2 form
     * ({@link CallEventsV1#toV2}: the facts without the guide's texts) to {@link Topics#CALL_EVENTS_V2}; headers
     * (timing, trace context) go to both. Migration step 1 of the README's "call-events v2".
     */
    private static void publish(KStream<String, CallEvent> events) {
        events.to(Topics.CALL_EVENTS, Produced.with(Serdes.String(), CallcenterSerdes.callEvents()));
        events.mapValues(CallEventsV1::toV2)
                .to(Topics.CALL_EVENTS_V2, Produced.with(Serdes.String(), CallcenterSerdes.callEventsV2()));
    }

    /** The agent whose seat an event of the lifecycle changes, or null when it changes none. */
    static Integer seatAgentOf(CallEvent event) {
        if (event instanceof CallAnswered answered) {
            return answered.agentId();
        }
        if (event instanceof CallEnded ended) {
            return ended.agentId();
        }
        if (event instanceof CommandRejected rejected && AnswerCallRequest.EVENT.equals(rejected.command())) {
            return rejected.agentId();
        }
        return null;
    }
}
