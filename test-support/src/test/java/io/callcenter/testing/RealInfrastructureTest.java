package io.callcenter.testing;

import io.callcenter.model.RequestedBy;
import io.callcenter.model.Topics;
import io.callcenter.model.agents.AgentEvent;
import io.callcenter.model.agents.AgentStatusChanged;
import io.callcenter.model.commands.AnswerCall;
import io.callcenter.model.commands.CallCommand;
import io.callcenter.model.crm.IncomingCallToCrm;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.model.serde.AgentEventDeserializer;
import io.callcenter.model.serde.CallCommandDeserializer;
import io.callcenter.model.serde.CallEventDeserializer;
import io.callcenter.model.serde.EventHeaders;
import io.callcenter.model.serde.EventSerializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@RealInfrastructure
class RealInfrastructureTest {

    @Test
    void everyTopicCarriesItsRecordFamilyThroughTheRealBrokerWithTheSharedSerde() throws Exception {
        IncomingCall incoming = IncomingCall.of(new IncomingCallToCrm("CALL_1", "0912345678", "1900", null, null,
                "2025-09-22T05:46:34.487215", "ringing", "softphone"));
        AnswerCall answer = AnswerCall.of("CALL_1", 7, "crm_system", new RequestedBy("gw-1", "sock-1"));
        AgentStatusChanged agent = new AgentStatusChanged(UUID.randomUUID(), Instant.now(), 1, 7, 7, "Trần Thị B",
                "busy", "available", "CALL_1");

        try (TopicRecorder<CallEvent> events = TopicRecorder.fromNow(Topics.CALL_EVENTS, new CallEventDeserializer());
             TopicRecorder<CallCommand> commands = TopicRecorder.fromNow(Topics.CALL_COMMANDS,
                     new CallCommandDeserializer());
             TopicRecorder<AgentEvent> agents = TopicRecorder.fromNow(Topics.AGENT_EVENTS,
                     new AgentEventDeserializer());
             KafkaProducer<String, Object> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.CALL_EVENTS, "CALL_1", incoming)).get();
            producer.send(new ProducerRecord<>(Topics.CALL_COMMANDS, "CALL_1", answer)).get();
            producer.send(new ProducerRecord<>(Topics.AGENT_EVENTS, Topics.agentKey(7), agent)).get();

            assertThat(events.awaitValues(incoming::equals, 1, Duration.ofSeconds(30))).containsExactly(incoming);
            assertThat(commands.awaitValues(answer::equals, 1, Duration.ofSeconds(30))).containsExactly(answer);
            assertThat(agents.awaitValues(agent::equals, 1, Duration.ofSeconds(30))).containsExactly(agent);

            ConsumerRecord<String, CallEvent> record = events.records().get(0);
            assertThat(record.key()).isEqualTo("CALL_1");
            assertThat(new String(record.headers().lastHeader(EventHeaders.EVENT_TYPE).value(),
                    StandardCharsets.UTF_8)).isEqualTo("IncomingCall");
        }
    }

    @Test
    void postgresIsRealAndStoresVietnameseTextIntact() throws Exception {
        Infrastructure infra = RealInfrastructureExtension.infrastructure();
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl(RealInfrastructureExtension.DATABASE),
                infra.databaseUser(), infra.databasePassword())) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS fixture_probe (name text)");
            c.createStatement().execute("INSERT INTO fixture_probe VALUES ('Nguyễn Văn A')");
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT version(), (SELECT name FROM fixture_probe LIMIT 1)")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("PostgreSQL");
                assertThat(rs.getString(2)).isEqualTo("Nguyễn Văn A");
            }
        }
    }

    private static KafkaProducer<String, Object> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealInfrastructureExtension.infrastructure().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new EventSerializer<>());
    }
}
