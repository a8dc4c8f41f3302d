package io.callcenter.model;

import io.callcenter.model.crm.CrmTime;
import io.callcenter.model.crm.IncomingCallToCrm;
import io.callcenter.model.events.CallEvent;
import io.callcenter.model.events.IncomingCall;
import io.callcenter.model.serde.CallCommandDeserializer;
import io.callcenter.model.serde.CallEventDeserializer;
import io.callcenter.model.serde.CallcenterJson;
import io.callcenter.model.serde.EventHeaders;
import io.callcenter.model.serde.EventSerializer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SerdeTest {
    private final EventSerializer<Object> serializer = new EventSerializer<>();
    private final CallEventDeserializer deserializer = new CallEventDeserializer();

    @Test
    void everyCallEventRoundTripsAndCarriesItsTypeInAHeader() {
        for (Object event : Samples.callEvents()) {
            RecordHeaders headers = new RecordHeaders();
            byte[] bytes = serializer.serialize(Topics.CALL_EVENTS, headers, event);
            assertThat(new String(headers.lastHeader(EventHeaders.EVENT_TYPE).value(), StandardCharsets.UTF_8))
                    .isEqualTo(event.getClass().getSimpleName());
            assertThat(deserializer.deserialize(Topics.CALL_EVENTS, headers, bytes)).isEqualTo(event);
        }
    }

    @Test
    void aRecordWithoutHeadersIsReadByTheTypeInItsBody() {
        for (Object command : Samples.callCommands()) {
            byte[] bytes = serializer.serialize(Topics.CALL_COMMANDS, command);
            assertThat(new CallCommandDeserializer().deserialize(Topics.CALL_COMMANDS, bytes)).isEqualTo(command);
        }
    }

    @Test
    void theGuidesPayloadKeepsNullCustomerInfoAndAssignedAgent() {
        IncomingCallToCrm payload = Samples.ringing("CALL_NEW", null, null);
        String json = CallcenterJson.mapper().writeValueAsString(payload);
        assertThat(json).contains("\"customerInfo\":null").contains("\"assignedAgent\":null")
                .contains("\"startTime\":\"2025-09-22T05:46:34.487215\"");
    }

    @Test
    void vietnameseTextIsWrittenAsUtf8() {
        byte[] bytes = serializer.serialize(Topics.CALL_EVENTS, IncomingCall.of(Samples.ringing("C1", null,
                Samples.CUSTOMER)));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("Nguyễn Văn A");
    }

    @Test
    void unknownPropertiesAreIgnoredForForwardCompatibility() {
        Object original = Samples.callEvents().get(0);
        byte[] bytes = serializer.serialize(Topics.CALL_EVENTS, original);
        String newer = new String(bytes, StandardCharsets.UTF_8).replaceFirst("\\{", "{\"addedInV2\":{\"x\":1},");
        CallEvent read = deserializer.deserialize(Topics.CALL_EVENTS, newer.getBytes(StandardCharsets.UTF_8));
        assertThat(read).isEqualTo(original);
    }

    @Test
    void anUnknownEventTypeHeaderIsASerializationErrorNamingTheType() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.EVENT_TYPE, "CallTeleported".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> deserializer.deserialize(Topics.CALL_EVENTS, headers, "{}".getBytes()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("CallTeleported");
    }

    @Test
    void malformedJsonIsASerializationError() {
        List<byte[]> bad = new ArrayList<>(List.of("{not json".getBytes(), "null".getBytes(), "[]".getBytes(),
                "{\"type\":\"IncomingCall\",\"occurredAt\":\"yesterday\"}".getBytes(), new byte[]{(byte) 0xff}));
        for (byte[] bytes : bad) {
            assertThatThrownBy(() -> deserializer.deserialize(Topics.CALL_EVENTS, new RecordHeaders(), bytes))
                    .isInstanceOf(SerializationException.class);
        }
    }

    @Test
    void crmTimeUsesTheGuidesFormatInUtcWithMicroseconds() {
        Instant instant = Instant.parse("2025-09-22T05:46:34.487215999Z");
        assertThat(CrmTime.format(instant)).isEqualTo("2025-09-22T05:46:34.487215");
        assertThat(CrmTime.format(Instant.parse("2025-09-22T05:46:34Z"))).isEqualTo("2025-09-22T05:46:34.000000");
        assertThat(CrmTime.parse("2025-09-22T05:46:34.487215")).isEqualTo(Instant.parse("2025-09-22T05:46:34.487215Z"));
    }

    @Test
    void instantsAreWrittenAsIsoStrings() {
        String json = CallcenterJson.mapper().writeValueAsString(Samples.callEvents().get(0));
        assertThat(json).containsPattern("\"occurredAt\":\"\\d{4}-\\d{2}-\\d{2}T[^\"]+Z\"");
    }
}
