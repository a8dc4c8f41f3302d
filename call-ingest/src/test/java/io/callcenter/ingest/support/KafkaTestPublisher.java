package io.callcenter.ingest.support;

import io.callcenter.model.Topics;
import io.callcenter.model.crm.AgentInfo;
import io.callcenter.model.agents.AgentStatusChanged;
import io.callcenter.model.commands.CallCommand;
import io.callcenter.model.serde.EventHeaders;
import io.callcenter.model.serde.EventSerializer;
import io.callcenter.testing.RealInfrastructureExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the other services on Kafka: the gateways' commands, agent-directory's agent events, and a broken producer's
 * unreadable records. Every send waits for the broker's acknowledgement.
 */
public final class KafkaTestPublisher implements AutoCloseable {
    private static final AtomicInteger NEXT_AGENT_ID = new AtomicInteger(100_000 + (int) (Math.random() * 100_000));

    private final KafkaProducer<String, Object> producer;
    private final KafkaProducer<String, byte[]> rawProducer;

    public KafkaTestPublisher() {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealInfrastructureExtension.infrastructure().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(config, new StringSerializer(), new EventSerializer<>());
        rawProducer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** An agent id no other test uses. */
    public static int newAgentId() {
        return NEXT_AGENT_ID.incrementAndGet();
    }

    public static String newCallId(String purpose) {
        return "CALL_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    public void command(CallCommand command) {
        send(new ProducerRecord<>(Topics.CALL_COMMANDS, command.callId(), command));
    }

    /** A command to an explicit partition (probes); its key stays the callId. */
    public void commandTo(int partition, CallCommand command) {
        send(new ProducerRecord<>(Topics.CALL_COMMANDS, partition, command.callId(), command));
    }

    public int commandPartitions() {
        return producer.partitionsFor(Topics.CALL_COMMANDS).size();
    }

    /** An agent-directory status event for that agent (user id agentId + 10,000), changed now. */
    public AgentStatusChanged agent(int agentId, String name, String status) {
        return agent(new AgentInfo(agentId, agentId + 10_000, name, status), Instant.now());
    }

    /** An agent-directory status event for that agent, whose status changed at {@code since}. */
    public AgentStatusChanged agent(AgentInfo agent, Instant since) {
        AgentStatusChanged event = new AgentStatusChanged(UUID.randomUUID(), since, 1, agent.id(), agent.userId(),
                agent.fullName(), agent.status(), null, null);
        send(new ProducerRecord<>(Topics.AGENT_EVENTS, Topics.agentKey(agent.id()), event));
        return event;
    }

    /** Publishes bytes as they are; returns where they landed. */
    public RecordMetadata rawCommand(String key, String eventType, String body) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CALL_COMMANDS, key,
                body.getBytes(StandardCharsets.UTF_8));
        if (eventType != null) {
            record.headers().add(EventHeaders.EVENT_TYPE, eventType.getBytes(StandardCharsets.UTF_8));
        }
        try {
            return rawProducer.send(record).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(ProducerRecord<String, Object> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
        rawProducer.close();
    }
}
