package io.callcenter.gateway;

import io.callcenter.model.ContractRecord;
import io.callcenter.model.RequestedBy;
import io.callcenter.model.Topics;
import io.callcenter.model.calls.CallEventsV1;
import io.callcenter.model.agents.AgentStatusChanged;
import io.callcenter.model.crm.AgentInfo;
import io.callcenter.model.crm.CallAnsweredToCrm;
import io.callcenter.model.crm.CallEndedToCrm;
import io.callcenter.model.crm.CrmTime;
import io.callcenter.model.crm.CustomerInfo;
import io.callcenter.model.crm.IncomingCallToCrm;
import io.callcenter.model.events.CallAnswered;
import io.callcenter.model.events.CallEnded;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.CommandRejected;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.model.events.RejectionCode;
import io.callcenter.model.serde.CallcenterJson;
import io.callcenter.model.serde.EventSerializer;
import io.callcenter.testing.RealInfrastructureExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Builds contract records the way call-ingest and agent-directory publish them, and puts them on the real topics. */
public final class TestEvents {
    private static KafkaProducer<String, Object> producer;

    private TestEvents() {
    }

    public static String newCallId() {
        return "CALL_" + UUID.randomUUID().toString().substring(0, 12).replace("-", "");
    }

    public static int newAgentId() {
        return ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
    }

    public static IncomingCall incoming(String callId) {
        return IncomingCall.of(new IncomingCallToCrm(callId, "0912345678", "1900",
                new AgentInfo(1, 1, "Admin User", "available"),
                new CustomerInfo(1, "Nguyễn Văn A", "0912345678", "nguyenvana@email.com", "CIF001230022"),
                CrmTime.format(Instant.now()), IncomingCallToCrm.STATUS_RINGING, "softphone"));
    }

    /** A new caller: {@code customerInfo} and {@code assignedAgent} null, as the guide allows. */
    public static IncomingCall incomingUnknownCaller(String callId) {
        return IncomingCall.of(new IncomingCallToCrm(callId, "0987000111", "1900", null, null,
                CrmTime.format(Instant.now()), IncomingCallToCrm.STATUS_RINGING, "softphone"));
    }

    public static CallAnswered answered(String callId, int agentId, RequestedBy requestedBy) {
        return answered(callId, agentId, requestedBy, null);
    }

    /** The lifecycle's answer to the {@code AnswerCall} whose eventId is {@code commandId}. */
    public static CallAnswered answered(String callId, int agentId, RequestedBy requestedBy, UUID commandId) {
        return CallAnswered.of(agentId, commandId, requestedBy, CallAnsweredToCrm.of(callId,
                new AgentInfo(agentId, agentId, "Trần Thị B", "busy"),
                new CustomerInfo(1, "Nguyễn Văn A", "0912345678", "nguyenvana@email.com", "CIF001230022")));
    }

    public static CallEnded ended(String callId, String reason) {
        return CallEnded.of(null, null, CallEndedToCrm.of(callId, reason, 120));
    }

    public static CommandRejected rejected(String callId, String instanceId, String socketId) {
        return CommandRejected.of(callId, UUID.randomUUID(), "answer_call", new RequestedBy(instanceId, socketId),
                RejectionCode.ALREADY_ANSWERED, "call " + callId + " was already answered");
    }

    public static AgentStatusChanged agentStatus(int agentId, String status, String previous) {
        return new AgentStatusChanged(UUID.randomUUID(), Instant.now(), ContractRecord.SCHEMA_VERSION, agentId,
                agentId, "Agent " + agentId, status, previous, null);
    }

    /** Publishes each record to its topic (key callId / agent id), in order, and waits for the broker's acks. */
    public static void publish(Object... records) {
        try {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (Object record : records) {
                if (record instanceof CallEvent event) {
                    sent.add(producer().send(callEvent(event.callId(), event)));
                } else if (record instanceof AgentStatusChanged agent) {
                    sent.add(producer().send(new ProducerRecord<>(Topics.AGENT_EVENTS,
                            Topics.agentKey(agent.agentId()), agent)));
                } else if (record instanceof io.callcenter.model.stats.CallStatsEvent stats) {
                    sent.add(producer().send(new ProducerRecord<>(Topics.CALL_STATS, stats.scope(), stats)));
                } else {
                    throw new IllegalArgumentException("not a call, agent or stats event: " + record);
                }
            }
            for (java.util.concurrent.Future<?> ack : sent) {
                ack.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("publish failed", e);
        }
    }

    /**
     * Publishes call events all under one key, so on one partition: the gateway reads them, and must deliver them,
     * in exactly this order, whatever calls they belong to.
     */
    public static void publishOnOneKey(String key, List<? extends CallEvent> events) {
        try {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (CallEvent event : events) {
                sent.add(producer().send(callEvent(key, event)));
            }
            for (java.util.concurrent.Future<?> ack : sent) {
                ack.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("publish failed", e);
        }
    }

    /**
     * A call event as call-ingest writes it to the topic the gateway reads: its v2 form, from which the gateway words
     * the guide's payloads (so every test here also checks that rendering).
     */
    private static ProducerRecord<String, Object> callEvent(String key, CallEvent event) {
        return new ProducerRecord<>(Topics.CALL_EVENTS_V2, key, CallEventsV1.toV2(event));
    }

    /** Publishes a call event in its v1 form to call-events v1, which a gateway reads only when set to. */
    public static void publishToV1(CallEvent event) {
        try {
            producer().send(new ProducerRecord<>(Topics.CALL_EVENTS, event.callId(), event)).get();
        } catch (Exception e) {
            throw new IllegalStateException("publish failed", e);
        }
    }

    /** Publishes raw bytes to a topic, e.g. a record no contract deserializer can read. */
    public static void publishRaw(String topic, String key, byte[] value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("publish failed", e);
        }
    }

    /** The JSON a client must receive for this payload: exactly the contract's serialization. */
    public static JsonNode json(Object payload) {
        return CallcenterJson.mapper().readTree(CallcenterJson.mapper().writeValueAsString(payload));
    }

    private static synchronized KafkaProducer<String, Object> producer() {
        if (producer == null) {
            EventSerializer<Object> contract = new EventSerializer<>();
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    RealInfrastructureExtension.infrastructure().kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    // order across partitions does not matter; within a call's partition it is kept
                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new StringSerializer(),
                    new org.apache.kafka.common.serialization.Serializer<>() {
                        @Override
                        public byte[] serialize(String topic, Object data) {
                            return data instanceof byte[] bytes ? bytes : contract.serialize(topic, data);
                        }

                        @Override
                        public byte[] serialize(String topic, org.apache.kafka.common.header.Headers headers,
                                                Object data) {
                            return data instanceof byte[] bytes ? bytes : contract.serialize(topic, headers, data);
                        }
                    });
        }
        return producer;
    }
}
